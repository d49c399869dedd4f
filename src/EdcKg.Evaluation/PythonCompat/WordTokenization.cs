namespace EdcKg.Evaluation.PythonCompat;

/// <summary>NLTK's <c>word_tokenize</c>: Punkt sentence splitting, then the Treebank rules on each sentence.</summary>
internal static class WordTokenization
{
    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var sentence in PunktSentenceSplitter.Split(text))
        {
            tokens.AddRange(TreebankWordTokenizer.Tokenize(sentence));
        }

        return tokens;
    }
}
