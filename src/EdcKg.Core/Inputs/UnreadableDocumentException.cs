namespace EdcKg.Core.Inputs;

/// <summary>A file of the corpus that gives no text: the message is the reason, without the file name.</summary>
public sealed class UnreadableDocumentException(string reason, Exception? inner = null) : Exception(reason, inner);
