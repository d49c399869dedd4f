namespace EdcKg.Evaluation.PythonCompat;

/// <summary>
/// A score as the reference computes it: nervaluate returns the integer 0 where a denominator is zero and a float
/// otherwise, and the difference shows in the printed report ("0" against "0.0").
/// </summary>
public readonly record struct PyNumber(double Value, bool IsInteger)
{
    /// <summary>The integer zero.</summary>
    public static PyNumber IntZero => new(0, true);

    /// <summary>A float value.</summary>
    public static PyNumber Float(double value) => new(value, false);
}
