using System.Globalization;
using System.Numerics.Tensors;
using System.Text;

namespace EdcKg.Benchmarks.Entities;

/// <summary>
/// A generated corpus of entity mentions for the entity-resolution benchmark: people (first names from a short list,
/// surnames from a pool shared by several people), organisations and places (some with accents), each mentioned
/// several times under realistic variants: with or without a middle initial, initial and surname, surname alone,
/// "Surname, First", upper case, snake_case, a transposed-letter typo, an acronym, a dropped legal suffix, an accent
/// dropped. New entities keep appearing as the corpus goes on, as in a real one. Each mention has a sentence and a
/// synthetic embedding (its entity's direction plus a shared one plus noise: cosine ≈ 0.75 within an entity, ≈ 0.2
/// across), standing in for a sentence embedder so that the benchmark measures resolution, not a model.
/// </summary>
internal static class SyntheticEntityPopulation
{
    private static readonly string[] FirstNames =
    [
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elena", "William", "Sofia", "Richard", "Aisha", "Joseph",
        "Mei", "Thomas", "Olga", "Carlos", "Fatima", "Daniel", "Ingrid", "Matthew", "Yuki", "Anthony", "Priya", "Mark", "Chloé", "Paul", "Zainab",
        "Andrew", "Lucía", "Kenji", "Hannah", "Omar", "Grace", "Pierre", "Amara", "Lars", "Nadia", "Ivan", "Rosa", "Samuel", "Leila", "Hugo", "Maja",
    ];

    private static readonly string[] Onsets = ["b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "r", "s", "st", "t", "tr", "v", "w", "z", "sh", "ch"];
    private static readonly string[] Nuclei = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "ie", "y"];
    private static readonly string[] Codas = ["", "n", "r", "l", "s", "th", "rd", "ck", "m", "ng", "x", "ss", "lt"];
    private static readonly string[] Industries = ["Logistics", "Systems", "Holdings", "Media", "Energy", "Pharma", "Capital", "Labs", "Foods", "Motors", "Analytics", "Textiles"];
    private static readonly string[] Suffixes = ["Inc.", "Group", "Ltd", "Corporation", "AG"];
    private static readonly string[] Verbs = ["was mentioned in a report", "appeared in the annual review", "was cited by the committee", "was discussed at the meeting", "featured in the press"];

    /// <summary><paramref name="count"/> mentions in corpus order, the same for the same seed.</summary>
    public static IReadOnlyList<SyntheticMention> Generate(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var entityCount = Math.Max(1, count / 4);
        var surnames = Enumerable.Range(0, Math.Max(1, entityCount / 3)).Select(_ => Capitalise(Word(random, 2 + random.Next(2)))).ToArray();
        var shared = UnitGaussian(random, dimension);
        var entities = new List<(string[] Variants, float[] Direction)>();
        var mentions = new List<SyntheticMention>(count);
        for (var i = 0; i < count; i++)
        {
            // A quarter of the mentions introduce an entity; the others mention one already met, recent ones more often.
            int truth;
            if (entities.Count < entityCount && (entities.Count == 0 || random.NextDouble() < 0.25))
            {
                entities.Add((Variants(random, surnames), UnitGaussian(random, dimension)));
                truth = entities.Count - 1;
            }
            else
            {
                var back = (int)Math.Min(entities.Count - 1, Math.Floor(-Math.Log(1 - random.NextDouble()) * entities.Count / 3));
                truth = entities.Count - 1 - back;
            }

            var (variants, direction) = entities[truth];
            var name = variants[random.Next(variants.Length)];
            var context = string.Create(CultureInfo.InvariantCulture, $"{name} {Verbs[random.Next(Verbs.Length)]} (record {i}).");
            var vector = new float[dimension];
            var noise = UnitGaussian(random, dimension);
            for (var j = 0; j < dimension; j++)
            {
                vector[j] = (0.45f * shared[j]) + direction[j] + (0.6f * noise[j]);
            }

            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            mentions.Add(new SyntheticMention(name, context, truth, vector));
        }

        return mentions;
    }

    private static string[] Variants(Random random, string[] surnames)
    {
        var kind = random.NextDouble();
        if (kind < 0.6)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = surnames[random.Next(surnames.Length)];
            var middle = (char)('A' + random.Next(26));
            return
            [
                $"{first} {last}", $"{first} {last}", $"{first} {middle}. {last}", $"{first[0]}. {last}", last, $"{last}, {first}",
                $"{first} {last}".ToUpperInvariant(), $"{first.ToLowerInvariant()}_{last.ToLowerInvariant()}", $"{first} {Typo(random, last)}",
            ];
        }

        if (kind < 0.85)
        {
            var words = new[] { Capitalise(Word(random, 2)), Industries[random.Next(Industries.Length)] };
            var suffix = Suffixes[random.Next(Suffixes.Length)];
            var full = $"{words[0]} {words[1]} {suffix}";
            var acronym = string.Concat(words.Select(w => w[0])) + suffix[0];
            return [full, full, $"{words[0]} {words[1]}", acronym, $"The {words[0]} {words[1]}", $"{words[0].ToLowerInvariant()}_{words[1].ToLowerInvariant()}"];
        }

        var root = Capitalise(Word(random, 2));
        var accented = Accent(root);
        var form = random.Next(3);
        var place = form switch
        {
            0 => $"São {accented}",
            1 => $"Lake {accented}",
            _ => $"{accented}ville",
        };
        return [place, place, Unaccent(place), place.Replace(' ', '_'), $"{Typo(random, place)}"];
    }

    private static string Word(Random random, int syllables)
    {
        var word = new StringBuilder();
        for (var s = 0; s < syllables; s++)
        {
            word.Append(Onsets[random.Next(Onsets.Length)]).Append(Nuclei[random.Next(Nuclei.Length)]).Append(Codas[random.Next(Codas.Length)]);
        }

        return word.ToString();
    }

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string Typo(Random random, string word)
    {
        if (word.Length < 5)
        {
            return word;
        }

        var at = 1 + random.Next(word.Length - 3);
        var chars = word.ToCharArray();
        (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
        return new string(chars);
    }

    private static string Accent(string word) => word.Replace('a', 'á').Replace('o', 'ô');

    private static string Unaccent(string word) => word.Replace('á', 'a').Replace('ô', 'o').Replace('ã', 'a');

    private static float[] UnitGaussian(Random random, int dimension)
    {
        var vector = new float[dimension];
        for (var j = 0; j < dimension; j++)
        {
            vector[j] = (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }
}
