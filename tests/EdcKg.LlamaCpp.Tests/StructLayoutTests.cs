using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using EdcKg.LlamaCpp.Native;

namespace EdcKg.LlamaCpp.Tests;

/// <summary>Compiles a C program against the pinned llama.h and compares its sizeof/offsetof with our structs.</summary>
public sealed class StructLayoutTests
{
    private static readonly (string CName, Type Managed, string[] CFields)[] Structs =
    [
        ("struct llama_model_params", typeof(LlamaModelParams),
            ["devices", "tensor_buft_overrides", "n_gpu_layers", "split_mode", "load_mode", "lazy_mode", "main_gpu",
             "tensor_split", "progress_callback", "progress_callback_user_data", "kv_overrides", "vocab_only",
             "check_tensors", "use_extra_bufts", "no_host", "no_alloc", "load_mtp"]),
        ("struct llama_context_params", typeof(LlamaContextParams),
            ["n_ctx", "n_batch", "n_ubatch", "n_seq_max", "n_rs_seq", "n_outputs_max", "n_outputs_max_per_seq",
             "n_threads", "n_threads_batch", "ctx_type", "rope_scaling_type", "pooling_type", "attention_type",
             "flash_attn_type", "rope_freq_base", "rope_freq_scale", "yarn_ext_factor", "yarn_attn_factor",
             "yarn_beta_fast", "yarn_beta_slow", "yarn_orig_ctx", "defrag_thold", "cb_eval", "cb_eval_user_data",
             "type_k", "type_v", "abort_callback", "abort_callback_data", "embeddings", "offload_kqv", "no_perf",
             "op_offload", "swa_full", "kv_unified", "samplers", "n_samplers", "ctx_other"]),
        ("struct llama_batch", typeof(LlamaBatch), ["n_tokens", "token", "embd", "pos", "n_seq_id", "seq_id", "logits"]),
        ("struct llama_chat_message", typeof(LlamaChatMessage), ["role", "content"]),
        ("struct llama_model_quantize_params", typeof(LlamaModelQuantizeParams),
            ["nthread", "ftype", "output_tensor_type", "token_embedding_type", "allow_requantize",
             "quantize_output_tensor", "only_copy", "pure", "keep_split", "dry_run", "imatrix", "kv_overrides",
             "tt_overrides", "prune_layers", "max_buf_size"]),
        ("struct llama_sampler_chain_params", typeof(LlamaSamplerChainParams), ["no_perf"]),
        ("struct llama_token_data", typeof(LlamaTokenData), ["id", "logit", "p"]),
        ("struct llama_token_data_array", typeof(LlamaTokenDataArray), ["data", "size", "selected", "sorted"]),
    ];

    [Fact]
    public void ManagedStructsMatchThePinnedHeaderFieldByField()
    {
        var native = CompileAndRunLayoutProgram();
        foreach (var (cName, managed, cFields) in Structs)
        {
            Assert.Equal(native[$"{cName} sizeof"], Marshal.SizeOf(managed));
            var managedFields = managed.GetFields(BindingFlags.Public | BindingFlags.Instance);
            Assert.Equal(cFields.Length, managedFields.Length);
            for (var i = 0; i < cFields.Length; i++)
            {
                var expected = native[$"{cName}.{cFields[i]}"];
                var actual = (int)Marshal.OffsetOf(managed, managedFields[i].Name);
                Assert.True(expected == actual, $"{cName}.{cFields[i]} is at {expected} in C but {managed.Name}.{managedFields[i].Name} is at {actual}.");
            }
        }
    }

    private static Dictionary<string, int> CompileAndRunLayoutProgram()
    {
        var include = RepositoryPaths.NativeInclude;
        Assert.True(File.Exists(Path.Combine(include, "llama.h")), $"llama.h is missing under {include}: run scripts/install-native.");
        var folder = Directory.CreateTempSubdirectory("edckg-layout-").FullName;
        try
        {
            var source = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"llama.h\"\nint main(void) {\n");
            foreach (var (cName, _, cFields) in Structs)
            {
                source.Append($"printf(\"%s sizeof %zu\\n\", \"{cName}\", sizeof({cName}));\n");
                foreach (var field in cFields)
                {
                    source.Append($"printf(\"%s.%s %zu\\n\", \"{cName}\", \"{field}\", offsetof({cName}, {field}));\n");
                }
            }

            source.Append("return 0; }\n");
            var file = Path.Combine(folder, "layout.c");
            File.WriteAllText(file, source.ToString());
            var program = Path.Combine(folder, "layout");
            Run("cc", ["-std=c11", "-I", include, file, "-o", program]);
            return Run(program, [])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => (Key: line[..line.LastIndexOf(' ')], Value: int.Parse(line[(line.LastIndexOf(' ') + 1)..])))
                .ToDictionary(pair => pair.Key, pair => pair.Value);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
        return output;
    }
}
