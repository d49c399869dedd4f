namespace EdcKg.Core.Stages;

/// <summary>The hints refined open extraction gets for one document (EDC+R).</summary>
/// <param name="Entities">The merged entity list, rendered as EDC renders it (a Python list).</param>
/// <param name="Relations">The relation hint text: numbered relations with definitions and examples.</param>
public sealed record RefinementHint(string Entities, string Relations);
