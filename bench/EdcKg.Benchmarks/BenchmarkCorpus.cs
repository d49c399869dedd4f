namespace EdcKg.Benchmarks;

/// <summary>
/// Short encyclopaedic sentences in the style of WebNLG, for benchmarks run without a corpus. Each document differs
/// from the others, so no path gains from repeated text beyond the shared prompt prefix.
/// </summary>
public static class BenchmarkCorpus
{
    private static readonly string[] People = ["Clara Mendel", "Leon Ash", "Amira Haddad", "Tomas Novak", "Ines Duarte", "Kenji Mori", "Olga Petrova", "Samuel Okafor"];
    private static readonly string[] Places = ["Graz", "Lyon", "Porto", "Kraków", "Osaka", "Accra", "Tartu", "Quito", "Bergen"];
    private static readonly string[] Works = ["Quiet Harbour", "The Glass Orchard", "Northern Lines", "A Winter Ledger", "Salt and Iron", "The Last Tram"];
    private static readonly string[] Organisations = ["the Millbrook Institute", "Avon Records", "the Helix Theatre", "Orbis Press", "the Tidewater Club"];

    /// <summary>The first <paramref name="count"/> documents.</summary>
    public static IReadOnlyList<string> Documents(int count)
    {
        var documents = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var person = People[i % People.Length];
            var place = Places[(i / People.Length + i) % Places.Length];
            var work = Works[(i * 5 / 3) % Works.Length];
            var organisation = Organisations[(i * 3 + i / 7) % Organisations.Length];
            var year = 1901 + ((i * 37) % 120);
            documents.Add((i % 3) switch
            {
                0 => $"{person} was born in {place} in {year} and later wrote {work}, published by {organisation}.",
                1 => $"{work} is a {year} novel by {person}, who studied in {place} and was a member of {organisation}.",
                _ => $"{organisation} is based in {place}; in {year} it hired {person}, the author of {work}.",
            });
        }

        return documents;
    }
}
