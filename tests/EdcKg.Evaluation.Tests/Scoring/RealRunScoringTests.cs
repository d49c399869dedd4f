using EdcKg.Evaluation.Scoring;

namespace EdcKg.Evaluation.Tests.Scoring;

public sealed class RealRunScoringTests
{
    [Theory]
    [InlineData("rebel_iter0", RebelRunExpectations.Iteration0)]
    [InlineData("rebel_iter1", RebelRunExpectations.Iteration1)]
    public async Task Real_run_report_matches_the_reference_script_digit_for_digit(string run, string expected)
    {
        var input = await EdcOutputReader.ReadAsync(SharedBenchmarkData.RealRun(run, "canon_kg.txt"), SharedBenchmarkData.RealRun(run, "reference.txt"), null, CancellationToken.None);

        var report = new EdcScorer().Score(input.Entries);

        Assert.Equal(expected.ReplaceLineEndings("\n") + "\n", ReferenceReportFormat.Write(report));
    }

    [Fact]
    public async Task Real_run_needs_a_last_bit_tie_break_on_line_30_of_iteration_1()
    {
        // Two alignments of line 30 have the same true score; the reference keeps the later one because its
        // floating-point sum is one unit in the last place higher. Taking the first exact optimum would be wrong.
        var input = await EdcOutputReader.ReadAsync(SharedBenchmarkData.RealRun("rebel_iter1", "canon_kg.txt"), SharedBenchmarkData.RealRun("rebel_iter1", "reference.txt"), null, CancellationToken.None);
        var index = input.Entries.ToList().FindIndex(e => e.Line == 30);

        var report = new EdcScorer().Score(input.Entries);

        Assert.Equal([1, 2, 4, 3, 0], report.Alignments[index]);
    }

    [Theory]
    [InlineData("rebel_iter0")]
    [InlineData("rebel_iter1")]
    public async Task Fast_alignment_picks_the_same_permutations_as_enumerating_all_of_them(string run)
    {
        var input = await EdcOutputReader.ReadAsync(SharedBenchmarkData.RealRun(run, "canon_kg.txt"), SharedBenchmarkData.RealRun(run, "reference.txt"), null, CancellationToken.None);
        var small = input.Entries.Where(e => Math.Max(e.CandidateTriples.Count, e.ReferenceTriples.Count) <= 8).ToList();

        var fast = new EdcScorer().Score(small);
        var enumerated = new EdcScorer(enumeratePermutations: true).Score(small);

        Assert.Contains(small, e => Math.Max(e.CandidateTriples.Count, e.ReferenceTriples.Count) >= 7);
        Assert.Equal(enumerated.Alignments, fast.Alignments);
        Assert.Equal(ReferenceReportFormat.Write(enumerated), ReferenceReportFormat.Write(fast));
    }

    [Fact]
    public async Task Real_run_lines_are_all_accepted_and_paired()
    {
        var input = await EdcOutputReader.ReadAsync(SharedBenchmarkData.RealRun("rebel_iter0", "canon_kg.txt"), SharedBenchmarkData.RealRun("rebel_iter0", "reference.txt"), null, CancellationToken.None);

        Assert.Equal(45, input.PredictionLines);
        Assert.Equal(45, input.Entries.Count);
        Assert.Empty(input.Rejected);
    }
}
