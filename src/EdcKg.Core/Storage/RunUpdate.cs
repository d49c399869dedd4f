namespace EdcKg.Core.Storage;

/// <summary>One update of a run (<c>edckg run --update</c>) as the run store records it.</summary>
/// <param name="Sequence">Its number, from 1.</param>
/// <param name="At">When it was applied.</param>
/// <param name="Unchanged">Documents kept as they were.</param>
/// <param name="Changed">Documents whose text changed.</param>
/// <param name="Added">Documents new to the run.</param>
/// <param name="Removed">Documents withdrawn from the run.</param>
/// <param name="Details">JSON with the ids changed, added and removed.</param>
public sealed record RunUpdate(int Sequence, DateTimeOffset At, int Unchanged, int Changed, int Added, int Removed, string Details);
