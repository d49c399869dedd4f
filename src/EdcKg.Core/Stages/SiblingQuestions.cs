namespace EdcKg.Core.Stages;

/// <summary>
/// Questions of one item that do not depend on each other's answers, asked together so that a batching backend
/// decodes them side by side and evaluates the text they open with once. The answers come back in the questions'
/// order; the first failure fails the item and cancels the questions still waiting.
/// </summary>
internal static class SiblingQuestions
{
    public static async Task<TAnswer[]> AskAllAsync<TQuestion, TAnswer>(IEnumerable<TQuestion> questions, Func<TQuestion, CancellationToken, Task<TAnswer>> ask, CancellationToken cancellationToken)
    {
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var asked = questions.Select(async question =>
        {
            try
            {
                return await ask(question, siblings.Token).ConfigureAwait(false);
            }
            catch
            {
                await siblings.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }).ToList();

        // The failed question faults the whole; the siblings it cancelled end as cancelled and do not hide it.
        return await Task.WhenAll(asked).ConfigureAwait(false);
    }
}
