namespace EdcKg.Core.Retrieval;

/// <summary>
/// The best k (row, score) pairs seen so far, kept sorted best first in a fixed buffer: O(log-free insertion of k)
/// per improving row and no allocation per row. Equal scores keep the earlier row first.
/// </summary>
internal struct TopKSelection
{
    private readonly float[] scores;
    private readonly int[] rows;
    private int filled;

    public TopKSelection(int k)
    {
        scores = new float[k];
        rows = new int[k];
    }

    /// <summary>The score a row must beat to enter (negative infinity until k rows are in).</summary>
    public readonly float Threshold => filled == scores.Length ? scores[^1] : float.NegativeInfinity;

    public void Offer(int row, float score)
    {
        var k = scores.Length;
        if (filled == k && score <= scores[k - 1])
        {
            return;
        }

        var at = filled < k ? filled : k - 1;
        while (at > 0 && scores[at - 1] < score)
        {
            scores[at] = scores[at - 1];
            rows[at] = rows[at - 1];
            at--;
        }

        scores[at] = score;
        rows[at] = row;
        if (filled < k)
        {
            filled++;
        }
    }

    public readonly ScoredKey[] ToScoredKeys(IReadOnlyList<string> keys, float scale)
    {
        var result = new ScoredKey[filled];
        for (var i = 0; i < filled; i++)
        {
            result[i] = new ScoredKey(keys[rows[i]], scores[i] * scale);
        }

        return result;
    }
}
