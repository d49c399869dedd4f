using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdcKg.Review.Api;

/// <summary>Reads an optional integer query value, or says in a 400 problem which value is wrong and why.</summary>
internal static class QueryValue
{
    public static bool TryInt(string? text, string name, int? fallback, int min, int max, out int? value, out ProblemHttpResult? problem)
    {
        problem = null;
        value = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            problem = Problems.BadRequest($"'{name}' must be a whole number from {min} to {max} (got '{text}').");
            return false;
        }

        value = parsed;
        return true;
    }
}
