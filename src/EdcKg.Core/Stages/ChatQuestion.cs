using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>One prompt to a chat model, as every stage asks it: a single user message, greedy decoding, the expected
/// output shape and EDC's answer lead-in passed along for backends that can use them (and, with <c>followUp</c>, that the
/// asker may ask again about the same text); the answer says whether it was cut.</summary>
internal static class ChatQuestion
{
    public static async Task<ChatAnswer> AskAsync(IChatClient chat, string prompt, OutputShape shape, string answerPrefix, int maxOutputTokens, CancellationToken cancellationToken, bool followUp = false)
    {
        var options = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = maxOutputTokens,
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [ChatOptionKeys.OutputShape] = shape,
                [ChatOptionKeys.AnswerPrefix] = answerPrefix,
            },
        };
        if (followUp)
        {
            options.AdditionalProperties[ChatOptionKeys.FollowUp] = true;
        }

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken).ConfigureAwait(false);
        var text = response.Text ?? string.Empty;
        // Some backends echo the lead-in; the parsers want the answer alone.
        var trimmed = text.TrimStart();
        var answer = trimmed.StartsWith(answerPrefix.Trim(), StringComparison.Ordinal) && answerPrefix.Trim().Length > 0
            ? trimmed[answerPrefix.Trim().Length..].Trim()
            : text.Trim();
        return new ChatAnswer(answer, response.FinishReason == ChatFinishReason.Length);
    }
}
