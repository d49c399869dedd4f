using EdcKg.Core.Retrieval;

namespace EdcKg.Core.Tests.Retrieval;

public sealed class VectorNormalizationTests
{
    [Fact]
    public void NormalisationGivesUnitLengthAndKeepsDirection()
    {
        float[] vector = [3, -4];

        VectorNormalization.ToUnitLength(vector);

        Assert.Equal(0.6f, vector[0], 6);
        Assert.Equal(-0.8f, vector[1], 6);
    }

    [Fact]
    public void NormalisationLeavesAZeroVectorAlone()
    {
        float[] vector = [0, 0];

        VectorNormalization.ToUnitLength(vector);

        Assert.Equal([0f, 0f], vector);
    }
}
