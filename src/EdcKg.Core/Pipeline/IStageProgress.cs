namespace EdcKg.Core.Pipeline;

/// <summary>The progress of one stage; disposing it marks the stage finished.</summary>
public interface IStageProgress : IDisposable
{
    /// <summary>One more document is done. Safe to call from several threads.</summary>
    void Advance();
}
