namespace EdcKg.Onnx;

/// <summary>A sentence-embedding model folder cannot be used; the message names the file and what is wrong.</summary>
public sealed class OnnxModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnnxModelException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
