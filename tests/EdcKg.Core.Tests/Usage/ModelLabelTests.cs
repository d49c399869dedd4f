using EdcKg.Core.Usage;

namespace EdcKg.Core.Tests.Usage;

public sealed class ModelLabelTests
{
    [Theory]
    [InlineData("qwen2.5-1.5b-instruct-q4_k_m.gguf:1117320736:638990123456789012", "qwen2.5-1.5b-instruct-q4_k_m.gguf")]
    [InlineData("e5-small-v2/:133466304:638990123456789012", "e5-small-v2/")]
    [InlineData("bge.gguf:36806944:638990123456789012|prompts:0123456789abcdef", "bge.gguf (prompts 01234567)")]
    [InlineData("openai:gpt-4o-mini", "openai:gpt-4o-mini")]
    [InlineData("Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct")]
    [InlineData("scripted", "scripted")]
    public void FileIdentitiesLoseTheirSizeAndTimeAndOtherNamesStay(string identity, string label) =>
        Assert.Equal(label, ModelLabel.Of(identity));
}
