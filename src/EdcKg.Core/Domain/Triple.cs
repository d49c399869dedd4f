namespace EdcKg.Core.Domain;

/// <summary>A <c>[subject, relation, object]</c> triple as EDC writes it.</summary>
public sealed record Triple(string Subject, string Relation, string Object)
{
    /// <summary>The triple with another relation, subject and object kept.</summary>
    public Triple WithRelation(string relation) => this with { Relation = relation };

    /// <summary>The three elements in EDC's order.</summary>
    public IReadOnlyList<string> ToList() => [Subject, Relation, Object];
}
