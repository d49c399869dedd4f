namespace TestModels;

/// <summary>
/// Random-weight models of a real model's shape, with a 32,000-token vocabulary learned from English text so that
/// prompts take about as many tokens as with a real model's tokenizer. Written with bounded memory (the weights are
/// generated while the file is written); quantize the f16 file for the size users run.
/// </summary>
public static class RealisticLlamaGguf
{
    /// <summary>Tokens in the vocabulary, as in LLaMA 2's and Mistral's.</summary>
    public const int VocabularySize = 32_000;

    /// <summary>A vocabulary of <see cref="VocabularySize"/> tokens learned from <paramref name="trainingTexts"/>.</summary>
    /// <param name="trainingTexts">English text to learn the pieces from.</param>
    /// <param name="minFrequency">Pairs seen fewer times are not merged (1: every training word becomes one piece).</param>
    public static TinyVocabulary Vocabulary(IEnumerable<string> trainingTexts, int minFrequency = 2)
    {
        var reserved = new TinyVocabulary().Tokens.Count;
        var (characters, pieces) = SubwordTrainer.Learn(trainingTexts, VocabularySize - reserved, minFrequency);
        return new TinyVocabulary(characters, pieces, VocabularySize);
    }

    /// <summary>Writes an f16 model of <paramref name="spec"/>'s shape with <paramref name="vocabulary"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, TinyLlamaSpec spec, TinyVocabulary vocabulary) => TinyLlamaGguf.Write(path, spec, vocabulary);
}
