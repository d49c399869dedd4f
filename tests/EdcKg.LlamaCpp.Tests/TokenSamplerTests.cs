using System.Text;

namespace EdcKg.LlamaCpp.Tests;

/// <summary>
/// Greedy sampling under a grammar checks the best few tokens one by one before it masks the whole vocabulary; both
/// routes must give the arg-max over the tokens the grammar allows.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class TokenSamplerTests(TinyModelFixture fixture)
{
    private const string Word = "hello";

    [Fact]
    public void TheBestAllowedTokenWinsWhenTheModelPrefersARefusedOne()
    {
        var (allowed, refused) = Tokens();
        var logits = new float[fixture.Model.VocabularySize];
        logits[refused[0]] = 9f;
        logits[refused[1]] = 8f;
        logits[allowed[0]] = 3f;
        logits[allowed[^1]] = 5f;

        Assert.Equal(allowed[^1], SampleOnce(logits));
    }

    [Fact]
    public void TheWholeVocabularyIsMaskedWhenNoneOfTheBestTokensIsAllowed()
    {
        var (allowed, refused) = Tokens();
        Assert.True(refused.Count > TokenSampler.GreedyCandidates, "the tiny vocabulary has enough refused tokens");
        var logits = new float[fixture.Model.VocabularySize];
        for (var i = 0; i <= TokenSampler.GreedyCandidates; i++)
        {
            logits[refused[i]] = 100f - i;
        }

        logits[allowed[0]] = 1f;
        logits[allowed[^1]] = 2f;

        Assert.Equal(allowed[^1], SampleOnce(logits));
    }

    [Fact]
    public void EqualScoresGoToTheLowerTokenIdAsInTheArgMax()
    {
        var (allowed, refused) = Tokens();
        Assert.True(allowed.Count >= 2, "the tiny vocabulary spells the word's start in more than one way");
        var logits = new float[fixture.Model.VocabularySize];
        logits[refused[0]] = 9f;
        logits[allowed[1]] = 4f;
        logits[allowed[0]] = 4f;

        Assert.Equal(Math.Min(allowed[0], allowed[1]), SampleOnce(logits));
    }

    private unsafe int SampleOnce(float[] logits)
    {
        using var sampler = new SamplerRecipe(fixture.Model, $"root ::= \"{Word}\"", options: null).Create();
        fixed (float* row = logits)
        {
            return sampler.Sample(row);
        }
    }

    /// <summary>Tokens that can start <see cref="Word"/> (a non-empty prefix of it) and tokens that cannot, by id.</summary>
    private (List<int> Allowed, List<int> Refused) Tokens()
    {
        var allowed = new List<int>();
        var refused = new List<int>();
        for (var id = 0; id < fixture.Model.VocabularySize; id++)
        {
            if (fixture.Model.IsEndOfGeneration(id))
            {
                continue;
            }

            var bytes = fixture.Model.TokenBytes(id);
            var piece = Encoding.UTF8.GetString(bytes);
            if (bytes.Length == 0)
            {
                continue;
            }

            (Word.StartsWith(piece, StringComparison.Ordinal) ? allowed : refused).Add(id);
        }

        Assert.NotEmpty(allowed);
        return (allowed, refused);
    }
}
