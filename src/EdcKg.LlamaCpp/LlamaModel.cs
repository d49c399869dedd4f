using System.Runtime.InteropServices;
using System.Text;
using EdcKg.LlamaCpp.Native;

namespace EdcKg.LlamaCpp;

/// <summary>A loaded GGUF model: weights, vocabulary and chat template. Thread-safe; contexts are created from it.</summary>
public sealed class LlamaModel : IDisposable
{
    private readonly SafeLlamaModelHandle handle;

    private LlamaModel(string path, SafeLlamaModelHandle handle)
    {
        Path = path;
        this.handle = handle;
        Vocab = NativeMethods.llama_model_get_vocab(handle);
        if (Vocab == nint.Zero)
        {
            handle.Dispose();
            throw new LlamaException($"The model '{path}' has no vocabulary.");
        }

        VocabularySize = NativeMethods.llama_vocab_n_tokens(Vocab);
        EmbeddingSize = NativeMethods.llama_model_n_embd(handle);
        TrainedContextLength = NativeMethods.llama_model_n_ctx_train(handle);
        AddBos = NativeMethods.llama_vocab_get_add_bos(Vocab);
        ChatTemplate = Marshal.PtrToStringUTF8(NativeMethods.llama_model_chat_template(handle, null));
    }

    /// <summary>The file the model was loaded from.</summary>
    public string Path { get; }

    /// <summary>Number of tokens in the vocabulary.</summary>
    public int VocabularySize { get; }

    /// <summary>Width of the model's hidden state (and of its embeddings).</summary>
    public int EmbeddingSize { get; }

    /// <summary>The context length the model was trained with.</summary>
    public int TrainedContextLength { get; }

    /// <summary>The Jinja chat template from the GGUF metadata, or null when the model has none.</summary>
    public string? ChatTemplate { get; }

    internal SafeLlamaModelHandle Handle => handle;

    internal nint Vocab { get; }

    internal bool AddBos { get; }

    /// <summary>Loads a GGUF model.</summary>
    /// <exception cref="LlamaException">The file is missing, not GGUF, truncated or corrupt.</exception>
    public static LlamaModel Load(string path, LlamaModelOptions? options = null)
    {
        options ??= new LlamaModelOptions();
        var full = System.IO.Path.GetFullPath(path);
        CheckGgufHeader(full);
        LlamaLibrary.Load(options.LibraryFolder);
        var parameters = NativeMethods.llama_model_default_params();
        parameters.NGpuLayers = options.GpuLayers;
        var pointer = NativeMethods.llama_model_load_from_file(full, parameters);
        if (pointer == nint.Zero)
        {
            throw new LlamaException($"llama.cpp could not load the model '{full}': the file is truncated, corrupt or of an unsupported architecture.");
        }

        return new LlamaModel(full, new SafeLlamaModelHandle(pointer));
    }

    /// <summary>Tokenizes <paramref name="text"/>; control tokens written in the text (such as &lt;|im_start|&gt;) are parsed when <paramref name="parseSpecial"/>.</summary>
    public unsafe int[] Tokenize(string text, bool addBos, bool parseSpecial)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new int[bytes.Length + 2];
        fixed (byte* source = bytes)
        {
            while (true)
            {
                int count;
                fixed (int* destination = tokens)
                {
                    count = NativeMethods.llama_tokenize(Vocab, source, bytes.Length, destination, tokens.Length, addBos, parseSpecial);
                }

                if (count >= 0)
                {
                    return tokens[..count];
                }

                tokens = new int[-count];
            }
        }
    }

    /// <summary>The bytes a token stands for (a byte-fallback token may hold part of a UTF-8 character).</summary>
    public unsafe byte[] TokenBytes(int token)
    {
        Span<byte> buffer = stackalloc byte[128];
        fixed (byte* pointer = buffer)
        {
            var length = NativeMethods.llama_token_to_piece(Vocab, token, pointer, buffer.Length, 0, special: false);
            if (length >= 0)
            {
                return buffer[..length].ToArray();
            }
        }

        var larger = new byte[-NativeMethods.llama_token_to_piece(Vocab, token, null, 0, 0, special: false)];
        fixed (byte* pointer = larger)
        {
            NativeMethods.llama_token_to_piece(Vocab, token, pointer, larger.Length, 0, special: false);
        }

        return larger;
    }

    /// <summary>The end-of-sequence token, or -1 when the vocabulary has none.</summary>
    public int EndOfSequenceToken => NativeMethods.llama_vocab_eos(Vocab);

    /// <summary>Whether <paramref name="token"/> ends generation (end of sequence or end of turn).</summary>
    public bool IsEndOfGeneration(int token) => NativeMethods.llama_vocab_is_eog(Vocab, token);

    /// <summary>
    /// Formats <paramref name="messages"/> (role, content) with the model's chat template (or <paramref name="template"/>),
    /// ending with the assistant's generation prompt.
    /// </summary>
    /// <exception cref="LlamaException">The model has no template, or llama.cpp does not recognise it.</exception>
    public unsafe string ApplyChatTemplate(IReadOnlyList<(string Role, string Content)> messages, string? template = null)
    {
        template ??= ChatTemplate ?? throw new LlamaException($"The model '{Path}' has no chat template; pass one explicitly.");
        var allocations = new List<nint>();
        try
        {
            var native = new LlamaChatMessage[messages.Count];
            var total = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].Role = Marshal.StringToCoTaskMemUTF8(messages[i].Role);
                native[i].Content = Marshal.StringToCoTaskMemUTF8(messages[i].Content);
                allocations.Add(native[i].Role);
                allocations.Add(native[i].Content);
                total += Encoding.UTF8.GetByteCount(messages[i].Content) + 64;
            }

            var templateBytes = Encoding.UTF8.GetBytes(template + "\0");
            var buffer = new byte[Math.Max(256, total * 2)];
            fixed (byte* templatePointer = templateBytes)
            fixed (LlamaChatMessage* messagePointer = native)
            {
                while (true)
                {
                    int length;
                    fixed (byte* output = buffer)
                    {
                        length = NativeMethods.llama_chat_apply_template(templatePointer, messagePointer, (nuint)native.Length, true, output, buffer.Length);
                    }

                    if (length < 0)
                    {
                        throw new LlamaException($"llama.cpp does not support the chat template of '{Path}'.", length);
                    }

                    if (length <= buffer.Length)
                    {
                        return Encoding.UTF8.GetString(buffer, 0, length);
                    }

                    buffer = new byte[length];
                }
            }
        }
        finally
        {
            allocations.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    /// <summary>Frees the weights once no context uses them any more.</summary>
    public void Dispose() => handle.Dispose();

    private static void CheckGgufHeader(string path)
    {
        if (!File.Exists(path))
        {
            throw new LlamaException($"The model file '{path}' does not exist.");
        }

        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("GGUF"u8))
        {
            throw new LlamaException($"The model file '{path}' is not a GGUF file (it does not start with 'GGUF').");
        }
    }
}
