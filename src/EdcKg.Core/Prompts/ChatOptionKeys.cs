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

    /// <summary>
    /// <c>true</c> when the asker may, once it has read the answer, ask again with a prompt that opens the same way
    /// (schema definition asking again about the relations its answer left out, with the same text). The answer is the
    /// same either way; a local backend with a prompt cache keeps the prompt's evaluated tokens a little longer for it.
    /// </summary>
    public const string FollowUp = "edckg.follow_up";
}
