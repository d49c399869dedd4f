namespace EdcKg.Core.Prompts;

/// <summary>
/// Keys of <c>ChatOptions.AdditionalProperties</c> through which the stages tell a backend more than the
/// messages say. Remote backends may ignore them; the local llama.cpp backend honours them.
/// </summary>
public static class ChatOptionKeys
{
    /// <summary>
    /// An <see cref="OutputShape"/>: the form the answer must take. A local backend turns it into a grammar so
    /// the output always parses.
    /// </summary>
    public const string OutputShape = "edckg.output_shape";

    /// <summary>
    /// A string that starts the assistant's answer (EDC's <c>answer_prepend</c>, such as <c>"Triplets: "</c>).
    /// A local backend appends it to the templated prompt; the returned text does not repeat it.
    /// </summary>
    public const string AnswerPrefix = "edckg.answer_prefix";
}
