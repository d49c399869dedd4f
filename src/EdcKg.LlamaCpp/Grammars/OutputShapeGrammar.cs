using EdcKg.Core.Prompts;

namespace EdcKg.LlamaCpp.Grammars;

/// <summary>Turns a stage's <see cref="OutputShape"/> into a GBNF grammar that accepts exactly what the stage's parser reads.</summary>
public static class OutputShapeGrammar
{
    /// <summary>The GBNF grammar (root rule <c>root</c>) for <paramref name="shape"/>.</summary>
    public static string For(OutputShape shape, GrammarLimits? limits = null)
    {
        limits ??= new GrammarLimits();
        var text = $"str ::= {Gbnf.PythonStringRule(limits.MaxStringLength)}\n";
        return shape switch
        {
            TripleListShape =>
                $"root ::= {Gbnf.ListRule("triple", limits.MaxItems, limits.MinItems)}\n"
                + "triple ::= \"[\" str \", \" str \", \" str \"]\"\n" + text,
            EntityListShape => $"root ::= {Gbnf.ListRule("str", limits.MaxItems, limits.MinItems)}\n" + text,
            ChoiceShape choice => Choice(choice),
            RelationDefinitionsShape definitions => Definitions(definitions, limits),
            _ => throw new ArgumentException($"No grammar for the output shape {shape.GetType().Name}.", nameof(shape)),
        };
    }

    /// <summary>
    /// Whether an answer of <paramref name="shape"/> is over as soon as its grammar can end: nothing may follow a
    /// complete answer (a closed list, a choice's letter when no letter begins another), so once the grammar allows
    /// the end of generation it allows nothing else, and the decoder can stop there without asking the model for it.
    /// </summary>
    public static bool EndsWhenComplete(OutputShape shape) => shape switch
    {
        TripleListShape or EntityListShape => true,
        ChoiceShape choice => !choice.Letters.Any(a => choice.Letters.Any(b => b.Length > a.Length && b.StartsWith(a, StringComparison.Ordinal))),
        _ => false,
    };

    private static string Choice(ChoiceShape choice)
    {
        if (choice.Letters.Count == 0)
        {
            throw new ArgumentException("A choice needs at least one letter.", nameof(choice));
        }

        return "root ::= " + string.Join(" | ", choice.Letters.Select(Gbnf.Literal)) + "\n";
    }

    private static string Definitions(RelationDefinitionsShape shape, GrammarLimits limits)
    {
        if (shape.Relations.Count == 0)
        {
            throw new ArgumentException("A definitions answer needs at least one relation.", nameof(shape));
        }

        // One line per relation, in the order asked; a definition is any single line of text.
        var lines = shape.Relations.Select(relation => Gbnf.Literal(relation + ": ") + " def");
        return "root ::= " + string.Join(" \"\\n\" ", lines) + "\n"
            + $"def ::= [^\\n\\r]{{1,{limits.MaxDefinitionLength}}}\n";
    }
}
