using EdcKg.Evaluation.PythonCompat;
using EdcKg.Evaluation.Scoring;

namespace EdcKg.Evaluation.Tests.PythonCompat;

public sealed class AsciiTransliterationTests
{
    [Theory]
    // Expected values are Python unidecode 1.3.6's output for the same strings.
    [InlineData("Đặng Thị Ngọc Thịnh", "Dang Thi Ngoc Thinh")]
    [InlineData("Nguyễn Tấn Dũng", "Nguyen Tan Dung")]
    [InlineData("Ἀθῆναι", "Athenai")]
    [InlineData("Ǻ ǣ ḱ ṩ", "A ae k s")]
    [InlineData("Ōtomo Yoshihide", "Otomo Yoshihide")]
    [InlineData("٣ ١٢ ①", "3 12 1")]
    public void ToAscii_letters_outside_the_tables_lose_their_diacritics_like_unidecode(string text, string expected)
    {
        Assert.Equal(expected, AsciiTransliteration.ToAscii(text));
    }

    [Fact]
    public void ToAscii_keeps_each_ideograph_as_a_word_and_kana_as_one_word()
    {
        // unidecode: "北京" is "Bei Jing " (a word per ideograph, each followed by a space), "ひらがな" is "hiragana".
        Assert.Equal("u5317 u4eac ", AsciiTransliteration.ToAscii("北京"));
        Assert.Equal("u3072u3089u304cu306a", AsciiTransliteration.ToAscii("ひらがな"));
        Assert.NotEqual(AsciiTransliteration.ToAscii("東京"), AsciiTransliteration.ToAscii("北京"));
        Assert.Equal(string.Empty, AsciiTransliteration.ToAscii("😀"));
    }

    [Fact]
    public void Cjk_triples_score_as_edc_scores_their_unidecode_romanisation()
    {
        // EDC scores the unidecode text; its romanisations below are unidecode 1.3.6's. No two different
        // ideographs here share a reading, so the stand-ins must give exactly EDC's report.
        string[] references = ["北京 | capital of | 中国", "東京大学 | located in | 東京", "ひらがな | script of | 日本語"];
        string[] candidates = ["東京 | capital of | 中国", "東京大学 | located in | 日本", "カタカナ | script of | 日本語"];
        string[] romanisedReferences = ["Bei Jing  | capital of | Zhong Guo ", "Dong Jing Da Xue  | located in | Dong Jing ", "hiragana | script of | Ri Ben Yu "];
        string[] romanisedCandidates = ["Dong Jing  | capital of | Zhong Guo ", "Dong Jing Da Xue  | located in | Ri Ben ", "katakana | script of | Ri Ben Yu "];

        var cjk = new EdcScorer().Score([.. references.Select((r, i) => new EvaluationEntry(i + 1, [r], [candidates[i]]))]);
        var romanised = new EdcScorer().Score([.. romanisedReferences.Select((r, i) => new EvaluationEntry(i + 1, [r], [romanisedCandidates[i]]))]);

        Assert.Equal(ReferenceReportFormat.Write(romanised), ReferenceReportFormat.Write(cjk));
        Assert.NotEqual(1.0, cjk.Total(EvaluationScheme.Strict).F1.Value);
        Assert.True(cjk.Total(EvaluationScheme.Strict).Correct > 0);
    }
}
