using System.CommandLine;
using EdcKg.Cli.ModelResolution;
using EdcKg.Cli.Models;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;

namespace EdcKg.Cli.Commands.Options;

/// <summary>
/// The model of each role (<c>--oie-llm</c>, <c>--sc-embedder</c>, ...), where default models live, and how local
/// models run; bound to <see cref="ModelChoice"/>. A role left out falls back by EDC's rule
/// (<see cref="ModelRoles.Resolve"/>), and the two roles everything falls back to take the catalogue's defaults.
/// </summary>
internal sealed class ModelOptionGroup : IOptionGroup<ModelChoice>
{
    private readonly Dictionary<ModelRole, Option<string?>> roles;

    /// <summary>Creates the group with an option for each of <paramref name="roles"/> (default: EDC's, <see cref="EdcRoles.All"/>).</summary>
    public ModelOptionGroup(IReadOnlyList<ModelRole>? roles = null)
        => this.roles = (roles ?? EdcRoles.All).ToDictionary(r => r, r => new Option<string?>(r.OptionName()) { Description = Describe(r) });

    public Option<string?> ModelsDir { get; } = new("--models-dir") { Description = $"Folder of the default models (default: {ModelStore.DirectoryVariable}, else ~/.cache/edckg/models); they are downloaded there on first use." };

    public Option<bool> NoDownload { get; } = new("--no-download") { Description = "Never download a default model: stop with the download command instead." };

    public Option<string?> ModelsCatalog { get; } = new("--models-catalog") { Description = $"The model catalogue that names the default models (default: the {RecommendedModels.FileName} shipped with edckg)." };

    public Option<string?> LlamaLib { get; } = new("--llama-lib") { Description = "Folder of another llama.cpp build (else EDCKG_LLAMA_LIB, else the installed one)." };

    public Option<int> ContextSize { get; } = new Option<int>("--context-size") { Description = "Context size of local chat models, in tokens.", DefaultValueFactory = _ => 8192 }.AtLeast(256);

    public Option<int> GpuLayers { get; } = new Option<int>("--gpu-layers") { Description = "Layers offloaded to the GPU (CUDA builds).", DefaultValueFactory = _ => 0 }.AtLeast(0);

    public Option<int> Threads { get; } = new Option<int>("--threads") { Description = "Threads for local inference (0: one per core).", DefaultValueFactory = _ => 0 }.AtLeast(0);

    public Option<string?> EmbedderQueryPrefix { get; } = new("--embedder-query-prefix") { Description = "Put before texts the embedders embed as queries, e.g. \"query: \" for e5 models (default: an ONNX folder's own prompt, else nothing)." };

    public Option<string?> EmbedderPassagePrefix { get; } = new("--embedder-passage-prefix") { Description = "Put before texts the embedders embed as passages (schema definitions), e.g. \"passage: \" for e5 models." };

    public Option<string?> EmbedderInstructionPrompt { get; } = new Option<string?>("--embedder-instruction-prompt") { Description = "Query prompt of instruction-tuned embedders, with {instruction}, e.g. \"Instruct: {instruction}\\nQuery: \" for e5-mistral (\\n is a line break); the schema retriever's queries carry EDC's instruction." }
        .Rule(v => v is null || Unescaped(v)!.Contains(EmbeddingPrompts.InstructionSlot, StringComparison.Ordinal) ? null : $"must contain {EmbeddingPrompts.InstructionSlot} where the task instruction goes (got '{v}').");

    /// <summary>The option that names the model of <paramref name="role"/>.</summary>
    public Option<string?> Role(ModelRole role) => roles[role];

    public IEnumerable<Option> Options =>
        [.. roles.Values, ModelsDir, NoDownload, ModelsCatalog, LlamaLib, ContextSize, GpuLayers, Threads, EmbedderQueryPrefix, EmbedderPassagePrefix, EmbedderInstructionPrompt];

    public ModelChoice Bind(ParseResult result)
    {
        var given = new Dictionary<ModelRole, string>();
        foreach (var (role, option) in roles)
        {
            if (result.GetValue(option) is { Length: > 0 } name)
            {
                given[role] = name;
            }
        }

        var local = new ModelOptions
        {
            LlamaLibrary = result.GetValue(LlamaLib),
            ContextSize = result.GetValue(ContextSize),
            GpuLayers = result.GetValue(GpuLayers),
            Threads = result.GetValue(Threads),
            EmbeddingPrompts = new EmbeddingPrompts(Unescaped(result.GetValue(EmbedderQueryPrefix)), Unescaped(result.GetValue(EmbedderPassagePrefix)), Unescaped(result.GetValue(EmbedderInstructionPrompt))),
        };
        return new ModelChoice([.. roles.Keys], given, ModelStore.DirectoryOf(result.GetValue(ModelsDir)), !result.GetValue(NoDownload), result.GetValue(ModelsCatalog), local);
    }

    private static string? Unescaped(string? value) => value?.Replace("\\n", "\n", StringComparison.Ordinal);

    private static string Describe(ModelRole role) => role switch
    {
        ModelRole.OpenExtraction => "Model for open information extraction: a .gguf file, or a served model (openai:MODEL, or any name with --llm-endpoint); default: the catalogue's small instruct model, downloaded on first use.",
        ModelRole.SchemaDefinition => "Model for schema definition (default: --oie-llm).",
        ModelRole.SchemaCanonicalization => "Model that verifies canonicalization choices (default: --oie-llm).",
        ModelRole.EntityExtraction => "Model for entity extraction and merging (default: --oie-llm).",
        ModelRole.CanonicalizationEmbedder => "Embedding model for schema canonicalization: a sentence-transformers ONNX folder or .gguf, or a served model (openai:MODEL, or any name with --llm-endpoint); default: the catalogue's embedder, downloaded on first use.",
        ModelRole.SchemaRetrieverEmbedder => "Embedding model of the schema retriever (default: --sc-embedder).",
        _ => $"Model of the {role.Label()} role (default: {(ModelRoles.FallbackOf(role) is { } fallback ? fallback.OptionName() : "none")}).",
    };
}
