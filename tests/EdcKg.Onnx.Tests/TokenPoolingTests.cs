namespace EdcKg.Onnx.Tests;

public sealed class TokenPoolingTests
{
    // Three real tokens and one padded row (which must never count) of width 2.
    private static readonly float[] States = [1, 2, 3, -4, 5, 0, 100, 100];

    [Theory]
    [InlineData(PoolingMode.Mean, 3f, -2f / 3f)]
    [InlineData(PoolingMode.Cls, 1f, 2f)]
    [InlineData(PoolingMode.Max, 5f, 2f)]
    [InlineData(PoolingMode.LastToken, 5f, 0f)]
    [InlineData(PoolingMode.MeanSqrtLength, 9f / 1.7320508f, -2f / 1.7320508f)]
    public void PoolingMatchesAHandComputedReference(PoolingMode mode, float first, float second)
    {
        var vector = new float[2];

        TokenPooling.Pool(mode, States, hidden: 2, tokens: 3, vector);

        Assert.Equal(first, vector[0], 5);
        Assert.Equal(second, vector[1], 5);
    }
}
