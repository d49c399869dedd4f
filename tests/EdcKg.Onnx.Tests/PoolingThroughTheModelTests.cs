using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using TestModels.Onnx;

namespace EdcKg.Onnx.Tests;

/// <summary>
/// Runs the ONNX graph directly on one unpadded text, pools its token states by hand and compares with the
/// embedder's vector for the same text taken from a padded batch.
/// </summary>
public sealed class PoolingThroughTheModelTests
{
    [Theory]
    [InlineData("mean")]
    [InlineData("cls")]
    [InlineData("max")]
    [InlineData("lasttoken")]
    public async Task TheEmbeddersVectorIsTheHandPooledStateOfTheGraph(string pooling)
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { Pooling = pooling, WriteQuantized = false });
        using var embedder = OnnxSentenceEmbedder.Open(folder.Path);
        const string text = "Paris is the capital of France";
        var tokens = embedder.Tokenize(text);
        var ids = tokens.Select(t => (long)TinyVocabulary.Tokens.ToList().IndexOf(t)).ToArray();
        var states = RunGraph(Path.Combine(folder.Path, "model.onnx"), ids, out var hidden);

        var expected = new float[hidden];
        for (var d = 0; d < hidden; d++)
        {
            var column = Enumerable.Range(0, ids.Length).Select(t => states[t * hidden + d]).ToArray();
            expected[d] = pooling switch
            {
                "mean" => column.Average(),
                "cls" => column[0],
                "max" => column.Max(),
                _ => column[^1],
            };
        }

        TensorPrimitives.Divide(expected, TensorPrimitives.Norm(expected), expected);
        var batch = await embedder.GenerateAsync(["a", text, "the person who wrote the book is the author of the book"]);

        Assert.DoesNotContain(-1L, ids);
        for (var d = 0; d < hidden; d++)
        {
            Assert.Equal(expected[d], batch[1].Vector.Span[d], 1e-5f);
        }
    }

    private static float[] RunGraph(string modelPath, long[] ids, out int hidden)
    {
        using var session = new InferenceSession(modelPath);
        long[] shape = [1, ids.Length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [inputIds, mask, types], ["last_hidden_state"]);
        hidden = (int)outputs[0].GetTensorTypeAndShape().Shape[^1];
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
