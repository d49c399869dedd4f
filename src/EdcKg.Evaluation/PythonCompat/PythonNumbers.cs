using System.Globalization;
using System.Numerics;

namespace EdcKg.Evaluation.PythonCompat;

/// <summary>Python's exact <c>statistics.mean</c> and its <c>str()</c> of numbers, which the reference report prints.</summary>
public static class PythonNumbers
{
    private const int FractionBits = 1074;

    /// <summary>
    /// <c>statistics.mean</c>: the exact rational mean of the values, rounded once to the nearest double; integer if
    /// every value is an integer and the mean is whole.
    /// </summary>
    public static PyNumber Mean(IReadOnlyCollection<PyNumber> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("mean requires at least one data point", nameof(values));
        }

        BigInteger total = BigInteger.Zero;
        var allIntegers = true;
        foreach (var value in values)
        {
            total += ToScaled(value.Value);
            allIntegers &= value.IsInteger;
        }

        var denominator = new BigInteger(values.Count) << FractionBits;
        var mean = ToDouble(total, denominator);
        var whole = BigInteger.Remainder(total, denominator).IsZero;
        return new PyNumber(mean, allIntegers && whole);
    }

    /// <summary>Python's <c>str()</c> of a number: shortest round-trip digits, <c>1.0</c> not <c>1</c>, <c>1e-05</c> below 1e-4.</summary>
    public static string Format(PyNumber number) =>
        number.IsInteger ? ((long)number.Value).ToString(CultureInfo.InvariantCulture) : FormatFloat(number.Value);

    /// <summary>Python's <c>repr()</c> of a float.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "E16" is not shortest; "R" is, so take its digits and exponent and lay them out as Python does.
        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOf('E');
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var pointPosition = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        pointPosition -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var decimalExponent = pointPosition - 1;
        string text;
        if (decimalExponent is < -4 or >= 16)
        {
            var tail = digits.Length > 1 ? "." + digits[1..] : string.Empty;
            var sign = decimalExponent < 0 ? "-" : "+";
            text = string.Create(CultureInfo.InvariantCulture, $"{digits[0]}{tail}e{sign}{Math.Abs(decimalExponent):00}");
        }
        else if (pointPosition <= 0)
        {
            text = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            text = digits + new string('0', pointPosition - digits.Length) + ".0";
        }
        else
        {
            text = digits[..pointPosition] + "." + digits[pointPosition..];
        }

        return value < 0 ? "-" + text : text;
    }

    private static BigInteger ToScaled(double value)
    {
        if (value == 0)
        {
            return BigInteger.Zero;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        // value = mantissa * 2^(exponent - 1075); scaled by 2^1074 that is mantissa << (exponent - 1).
        var scaled = new BigInteger(mantissa) << (exponent - 1);
        return negative ? -scaled : scaled;
    }

    /// <summary>The double nearest to <paramref name="numerator"/>/<paramref name="denominator"/> (ties to even).</summary>
    internal static double ToDouble(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.IsZero)
        {
            return 0;
        }

        var negative = numerator.Sign < 0;
        numerator = BigInteger.Abs(numerator);
        var shift = 55 - (int)(numerator.GetBitLength() - denominator.GetBitLength());
        var scaledNumerator = shift >= 0 ? numerator << shift : numerator;
        var scaledDenominator = shift >= 0 ? denominator : denominator << -shift;
        var quotient = BigInteger.DivRem(scaledNumerator, scaledDenominator, out var remainder);
        var sticky = !remainder.IsZero;
        var extra = (int)quotient.GetBitLength() - 53;
        var exponentOfLast = extra - shift;

        // Subnormal results keep fewer bits.
        if (exponentOfLast < -1074)
        {
            extra += -1074 - exponentOfLast;
            exponentOfLast = -1074;
        }

        var kept = quotient >> extra;
        var dropped = quotient - (kept << extra);
        var half = BigInteger.One << (extra - 1);
        if (dropped > half || (dropped == half && (sticky || !kept.IsEven)) || (dropped == half && sticky))
        {
            kept += 1;
        }

        var result = Math.ScaleB((double)kept, exponentOfLast);
        return negative ? -result : result;
    }
}
