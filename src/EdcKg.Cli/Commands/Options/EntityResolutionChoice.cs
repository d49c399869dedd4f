using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Entities;
using EdcKg.Core.Pipeline;

namespace EdcKg.Cli.Commands.Options;

/// <summary>Entity resolution as a run was asked for it: its settings and the models given for its two roles.</summary>
/// <param name="Settings">Top-k and the other settings (the seed is the run's <c>--seed</c>).</param>
/// <param name="Given">The models named for <see cref="ModelRole.EntityResolution"/> and <see cref="ModelRole.EntityResolutionEmbedder"/>.</param>
internal sealed record EntityResolutionChoice(EntityResolutionSettings Settings, IReadOnlyDictionary<ModelRole, string> Given)
{
    /// <summary>
    /// Opens the two models, each role not given taking the model of its fallback among <paramref name="roles"/> (the
    /// run's resolved EDC roles), and adds them and their identities to the run's.
    /// </summary>
    public (EdcBackends Backends, Dictionary<ModelRole, string> Identities) Open(
        ModelResolver models, IReadOnlyDictionary<ModelRole, string> roles, EdcBackends backends, IReadOnlyDictionary<ModelRole, string> identities)
    {
        var given = roles.ToDictionary(p => p.Key, p => (string?)p.Value);
        foreach (var (role, model) in Given)
        {
            given[role] = model;
        }

        var resolved = ModelRoles.Resolve(given);
        var llm = resolved[ModelRole.EntityResolution];
        var embedder = resolved[ModelRole.EntityResolutionEmbedder];
        var all = new Dictionary<ModelRole, string>(identities)
        {
            [ModelRole.EntityResolution] = models.Identity(ModelRole.EntityResolution, llm),
            [ModelRole.EntityResolutionEmbedder] = models.Identity(ModelRole.EntityResolutionEmbedder, embedder),
        };
        return (backends with
        {
            EntityResolution = models.Chat(ModelRole.EntityResolution, llm),
            EntityResolutionEmbedder = models.Embedder(ModelRole.EntityResolutionEmbedder, embedder),
        }, all);
    }
}
