using System.CommandLine;
using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Scaling;
using EdcKg.Core.Usage;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.OpenAi;
using Microsoft.Extensions.Logging;

namespace EdcKg.Cli.Commands;

/// <summary>The options of <c>edckg run</c>: EDC's run.py options in kebab-case, then ours.</summary>
internal sealed class RunOptions
{
    public Option<string> OieLlm { get; } = new("--oie-llm") { Description = "Model for open information extraction: a .gguf file, or a served model (openai:MODEL, or any name with --llm-endpoint).", Required = true };
    public Option<string?> OiePromptTemplateFilePath { get; } = new("--oie-prompt-template-file-path") { Description = "Prompt template for open information extraction." };
    public Option<string?> OieFewShotExampleFilePath { get; } = new("--oie-few-shot-example-file-path") { Description = "Few-shot examples for open information extraction." };
    public Option<string?> SdLlm { get; } = new("--sd-llm") { Description = "Model for schema definition (default: --oie-llm)." };
    public Option<string?> SdPromptTemplateFilePath { get; } = new("--sd-prompt-template-file-path") { Description = "Prompt template for schema definition." };
    public Option<string?> SdFewShotExampleFilePath { get; } = new("--sd-few-shot-example-file-path") { Description = "Few-shot examples for schema definition." };
    public Option<string?> ScLlm { get; } = new("--sc-llm") { Description = "Model that verifies canonicalization choices (default: --oie-llm)." };
    public Option<string> ScEmbedder { get; } = new("--sc-embedder") { Description = "Embedding model for schema canonicalization: a sentence-transformers ONNX folder or .gguf, or a served model (openai:MODEL, or any name with --llm-endpoint).", Required = true };
    public Option<string?> ScPromptTemplateFilePath { get; } = new("--sc-prompt-template-file-path") { Description = "Prompt template for canonicalization verification." };
    public Option<string?> SrEmbedder { get; } = new("--sr-embedder") { Description = "Embedding model of the schema retriever (default: --sc-embedder)." };
    public Option<string?> OieRefinePromptTemplateFilePath { get; } = new("--oie-refine-prompt-template-file-path") { Description = "Prompt template for refined open information extraction." };
    public Option<string?> OieRefineFewShotExampleFilePath { get; } = new("--oie-refine-few-shot-example-file-path") { Description = "Few-shot examples for refined open information extraction." };
    public Option<string?> EeLlm { get; } = new("--ee-llm") { Description = "Model for entity extraction and merging (default: --oie-llm)." };
    public Option<string?> EePromptTemplateFilePath { get; } = new("--ee-prompt-template-file-path") { Description = "Prompt template for entity extraction." };
    public Option<string?> EeFewShotExampleFilePath { get; } = new("--ee-few-shot-example-file-path") { Description = "Few-shot examples for entity extraction." };
    public Option<string?> EmPromptTemplateFilePath { get; } = new("--em-prompt-template-file-path") { Description = "Prompt template for entity merging." };
    public Option<string> InputTextFilePath { get; } = new("--input-text-file-path") { Description = "The corpus: an EDC dataset file (one document per line), a JSONL file of {\"id\",\"text\"}, or a folder of .txt/.md files.", Required = true };
    public Option<string?> TargetSchemaPath { get; } = new("--target-schema-path") { Description = "Target schema CSV (relation,definition). Without it the schema is induced (self-canonicalization)." };
    public Option<int> RefinementIterations { get; } = new("--refinement-iterations") { Description = "Refinement iterations (EDC+R) after the first.", DefaultValueFactory = _ => 0 };
    public Option<bool> EnrichSchema { get; } = new("--enrich-schema") { Description = "Relations that match no schema relation join the schema instead of being dropped." };
    public Option<string> OutputDir { get; } = new("--output-dir") { Description = "Output folder: iter*/ results and the resumable run store.", DefaultValueFactory = _ => Path.Combine("output", "edckg") };
    public Option<bool> LoggingVerbose { get; } = new("--logging-verbose") { Description = "Log at information level." };
    public Option<bool> LoggingDebug { get; } = new("--logging-debug") { Description = "Log at debug level." };
    public Option<LogLevel?> LogLevelOption { get; } = new("--loglevel") { Description = "Log level (Trace, Debug, Information, Warning, Error)." };
    public Option<string?> PromptsDir { get; } = new("--prompts-dir") { Description = "Folder of prompt templates with EDC's file names (default: our prompts; EDC's prompt_templates/ works unchanged)." };
    public Option<string?> FewShotDir { get; } = new("--few-shot-dir") { Description = "Folder of few-shot files with EDC's file names (for example EDC's few_shot_examples/webnlg)." };
    public Option<int> ScTopK { get; } = new("--sc-top-k") { Description = "Schema relations offered to the verifier per open relation.", DefaultValueFactory = _ => 5 };
    public Option<int> SrTopK { get; } = new("--sr-top-k") { Description = "Relations the schema retriever adds to a refinement hint.", DefaultValueFactory = _ => 10 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the example choice in refinement hints.", DefaultValueFactory = _ => 0 };
    public Option<int> Parallelism { get; } = new("--parallelism") { Description = "Documents in flight at once per stage (a local model decodes them in one batch).", DefaultValueFactory = _ => 16 };
    public Option<string?> LlamaLib { get; } = new("--llama-lib") { Description = "Folder of another llama.cpp build (else EDCKG_LLAMA_LIB, else the installed one)." };
    public Option<int> ContextSize { get; } = new("--context-size") { Description = "Context size of local chat models, in tokens.", DefaultValueFactory = _ => 8192 };
    public Option<int> GpuLayers { get; } = new("--gpu-layers") { Description = "Layers offloaded to the GPU (CUDA builds).", DefaultValueFactory = _ => 0 };
    public Option<int> Threads { get; } = new("--threads") { Description = "Threads for local inference (0: one per core).", DefaultValueFactory = _ => 0 };
    public Option<string?> EmbedderQueryPrefix { get; } = new("--embedder-query-prefix") { Description = "Put before texts the embedders embed as queries, e.g. \"query: \" for e5 models (default: an ONNX folder's own prompt, else nothing)." };
    public Option<string?> EmbedderPassagePrefix { get; } = new("--embedder-passage-prefix") { Description = "Put before texts the embedders embed as passages (schema definitions), e.g. \"passage: \" for e5 models." };
    public Option<string?> EmbedderInstructionPrompt { get; } = new("--embedder-instruction-prompt") { Description = "Query prompt of instruction-tuned embedders, with {instruction}, e.g. \"Instruct: {instruction}\\nQuery: \" for e5-mistral (\\n is a line break); the schema retriever's queries carry EDC's instruction." };

    public Option<string?> Shard { get; } = new("--shard") { Description = "Process only shard i/N of the corpus (documents assigned by a hash of their id), for N workers in parallel; combine their output folders with `edckg merge`." };
    public Option<string[]> LlmEndpoint { get; } = new("--llm-endpoint") { Description = "URL of an OpenAI-compatible server (vLLM, SGLang, llama.cpp server, Ollama, a hosted API), such as http://gpu1:8000/v1; repeat it for several replicas. Model names that are not local files are then the server's model names; openai:MODEL always is. API key from EDCKG_API_KEY or OPENAI_API_KEY." };
    public Option<int> EndpointConcurrency { get; } = new("--endpoint-concurrency") { Description = "Requests in flight at once per endpoint (requests go to the least busy one).", DefaultValueFactory = _ => 8 };
    public Option<double> RequestTimeout { get; } = new("--request-timeout") { Description = "Seconds one request attempt may take before it is retried.", DefaultValueFactory = _ => 120 };
    public Option<int> MaxRetries { get; } = new("--max-retries") { Description = "Retries of a failed request (429, 5xx, timeout, malformed answer) before its document is marked failed.", DefaultValueFactory = _ => 5 };
    public Option<double> RetryDelay { get; } = new("--retry-delay") { Description = "Seconds before the first retry; doubled each retry, with jitter; a server's Retry-After wins when longer.", DefaultValueFactory = _ => 1 };
    public Option<bool> StructuredOutput { get; } = new("--structured-output") { Description = "Ask remote models for JSON that follows a schema of each answer's form (vLLM, SGLang, llama.cpp server, OpenAI support it)." };
    public Option<decimal?> PricePer1KInput { get; } = new("--price-per-1k-input") { Description = "Price of 1,000 prompt tokens, for the cost in the usage summary." };
    public Option<decimal?> PricePer1KOutput { get; } = new("--price-per-1k-output") { Description = "Price of 1,000 completion tokens, for the cost in the usage summary." };

    public void AddTo(Command command)
    {
        foreach (var option in GetType().GetProperties().Select(p => p.GetValue(this)).OfType<Option>())
        {
            command.Options.Add(option);
        }

    }

    /// <summary>Checks the numeric options; the message names the option.</summary>
    public void Validate(ParseResult result)
    {
        foreach (var (option, minimum) in new[] { (RefinementIterations, 0), (ScTopK, 1), (SrTopK, 1), (Parallelism, 1), (ContextSize, 256), (GpuLayers, 0), (Threads, 0), (EndpointConcurrency, 1), (MaxRetries, 0) })
        {
            if (result.GetValue(option) < minimum)
            {
                throw new ArgumentException($"{option.Name} must be at least {minimum} (got {result.GetValue(option)}).");
            }
        }
    }

    /// <summary>Checks the options of remote endpoints and prices; the message names the option.</summary>
    public void ValidateRemote(ParseResult result)
    {
        foreach (var option in new[] { RequestTimeout, RetryDelay })
        {
            if (!(result.GetValue(option) > 0))
            {
                throw new ArgumentException($"{option.Name} must be a positive number of seconds (got {result.GetValue(option)}).");
            }
        }

        foreach (var option in new[] { PricePer1KInput, PricePer1KOutput })
        {
            if (result.GetValue(option) < 0)
            {
                throw new ArgumentException($"{option.Name} must not be negative (got {result.GetValue(option)}).");
            }
        }

        if ((result.GetValue(PricePer1KInput) is null) != (result.GetValue(PricePer1KOutput) is null))
        {
            throw new ArgumentException("--price-per-1k-input and --price-per-1k-output go together: give both (0 for a free side).");
        }
    }

    public RemoteOptions RemoteOptions(ParseResult result) => new()
    {
        Endpoints = (result.GetValue(LlmEndpoint) ?? []).Select(OpenAi.RemoteOptions.ParseEndpoint).ToList(),
        ConcurrencyPerEndpoint = result.GetValue(EndpointConcurrency),
        RequestTimeout = TimeSpan.FromSeconds(result.GetValue(RequestTimeout)),
        MaxRetries = result.GetValue(MaxRetries),
        RetryDelay = TimeSpan.FromSeconds(result.GetValue(RetryDelay)),
        StructuredOutput = result.GetValue(StructuredOutput),
        ApiKey = OpenAi.RemoteOptions.ApiKeyFromEnvironment(),
    };

    public ShardSpec? ShardSpec(ParseResult result) => result.GetValue(Shard) is { } text ? Core.Scaling.ShardSpec.Parse(text) : null;

    public UsagePrices? Prices(ParseResult result)
        => result.GetValue(PricePer1KInput) is { } input && result.GetValue(PricePer1KOutput) is { } output ? new UsagePrices(input, output) : null;

    public EdcSettings Settings(ParseResult result) => new()
    {
        RefinementIterations = result.GetValue(RefinementIterations),
        EnrichSchema = result.GetValue(EnrichSchema),
        CanonicalizationTopK = result.GetValue(ScTopK),
        RetrievedRelations = result.GetValue(SrTopK),
        Seed = result.GetValue(Seed),
        Parallelism = result.GetValue(Parallelism),
    };

    public ModelOptions ModelOptions(ParseResult result) => new()
    {
        LlamaLibrary = result.GetValue(LlamaLib),
        ContextSize = result.GetValue(ContextSize),
        GpuLayers = result.GetValue(GpuLayers),
        Threads = result.GetValue(Threads),
        Parallelism = result.GetValue(Parallelism),
        EmbeddingPrompts = EmbeddingPrompts(result),
        Remote = RemoteOptions(result),
    };

    /// <summary>The embedders' prompts the options set (<c>\n</c> in a value is a line break).</summary>
    /// <exception cref="ArgumentException">The instruction prompt has no <c>{instruction}</c>; the message names the option.</exception>
    public EmbeddingPrompts EmbeddingPrompts(ParseResult result)
    {
        static string? Unescaped(string? value) => value?.Replace("\\n", "\n", StringComparison.Ordinal);
        var instructionPrompt = Unescaped(result.GetValue(EmbedderInstructionPrompt));
        if (instructionPrompt is not null && !instructionPrompt.Contains(Core.Prompts.EmbeddingPrompts.InstructionSlot, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{EmbedderInstructionPrompt.Name} must contain {Core.Prompts.EmbeddingPrompts.InstructionSlot} where the task instruction goes (got '{instructionPrompt}').");
        }

        return new EmbeddingPrompts(Unescaped(result.GetValue(EmbedderQueryPrefix)), Unescaped(result.GetValue(EmbedderPassagePrefix)), instructionPrompt);
    }

    /// <summary>The model of every EDC role, with EDC's defaults (<see cref="ModelRoles.Resolve"/>).</summary>
    public Dictionary<ModelRole, string> ModelNames(ParseResult result)
        => ModelResolution.EdcRoles.Of(ModelRoles.Resolve(new Dictionary<ModelRole, string?>
        {
            [ModelRole.OpenExtraction] = result.GetValue(OieLlm),
            [ModelRole.SchemaDefinition] = result.GetValue(SdLlm),
            [ModelRole.SchemaCanonicalization] = result.GetValue(ScLlm),
            [ModelRole.EntityExtraction] = result.GetValue(EeLlm),
            [ModelRole.CanonicalizationEmbedder] = result.GetValue(ScEmbedder),
            [ModelRole.SchemaRetrieverEmbedder] = result.GetValue(SrEmbedder),
        }));

    public PromptSources PromptSources(ParseResult result)
    {
        var templates = result.GetValue(PromptsDir) ?? InstalledPrompts.Templates;
        var fewShot = result.GetValue(FewShotDir) ?? InstalledPrompts.FewShot;
        var overrides = new Dictionary<PromptKind, string>();
        foreach (var (option, kind) in new[]
        {
            (OiePromptTemplateFilePath, PromptKind.OieTemplate), (OieFewShotExampleFilePath, PromptKind.OieFewShot),
            (SdPromptTemplateFilePath, PromptKind.SdTemplate), (SdFewShotExampleFilePath, PromptKind.SdFewShot),
            (ScPromptTemplateFilePath, PromptKind.ScTemplate),
            (OieRefinePromptTemplateFilePath, PromptKind.OieRefineTemplate), (OieRefineFewShotExampleFilePath, PromptKind.OieRefineFewShot),
            (EePromptTemplateFilePath, PromptKind.EeTemplate), (EeFewShotExampleFilePath, PromptKind.EeFewShot),
            (EmPromptTemplateFilePath, PromptKind.EmTemplate),
        })
        {
            if (result.GetValue(option) is { } path)
            {
                overrides[kind] = path;
            }
        }

        return new PromptSources(templates, fewShot, overrides);
    }

    public Dictionary<string, string> SourcePaths(ParseResult result) => new()
    {
        ["input"] = Path.GetFullPath(result.GetValue(InputTextFilePath)!),
        ["schema"] = result.GetValue(TargetSchemaPath) is { } schema ? Path.GetFullPath(schema) : "(none)",
    };

    /// <summary>Console logging at the level the options ask for.</summary>
    public ILoggerFactory CreateLoggerFactory(ParseResult result)
    {
        var level = LogLevel(result);
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddSimpleConsole(options => { options.SingleLine = true; options.TimestampFormat = "HH:mm:ss "; })
            .AddFilter((_, l) => l >= level));
    }

    /// <summary>Opens the model of every role the run needs, and the identities its caches and manifest record.</summary>
    public (EdcBackends Backends, Dictionary<ModelRole, string> Identities) OpenBackends(ParseResult result, ModelResolver models, EdcSettings settings)
    {
        var names = ModelNames(result);
        var backends = models.OpenBackends(names, settings.RefinementIterations > 0);
        return (backends, names.ToDictionary(p => p.Key, p => models.Identity(p.Key, p.Value)));
    }

    public LogLevel LogLevel(ParseResult result)
        => result.GetValue(LogLevelOption) ?? (result.GetValue(LoggingDebug) ? Microsoft.Extensions.Logging.LogLevel.Debug : result.GetValue(LoggingVerbose) ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Warning);
}
