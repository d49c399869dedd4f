using System.Text;

namespace EdcKg.Core.Prompts;

/// <summary>
/// A prompt template in Python <c>str.format</c> syntax, as EDC writes them: <c>{name}</c> is a placeholder and
/// <c>{{</c>/<c>}}</c> are literal braces. EDC's template files are read unchanged.
/// </summary>
public sealed class PromptTemplate
{
    private readonly List<(string Literal, string? Placeholder)> parts = [];

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in errors (a file path).</summary>
    public PromptTemplate(string text, string source)
    {
        Text = text;
        Source = source;
        var literal = new StringBuilder();
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }

            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = text.IndexOf('}', i + 1);
                if (close < 0)
                {
                    throw new PromptTemplateException($"{source}:{line}: unmatched '{{' in the prompt template (write '{{{{' for a literal brace).");
                }

                var name = text[(i + 1)..close];
                if (name.Length == 0 || !name.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
                {
                    throw new PromptTemplateException($"{source}:{line}: '{{{name}}}' is not a valid placeholder (write '{{{{' for a literal brace).");
                }

                parts.Add((literal.ToString(), name));
                literal.Clear();
                i = close;
            }
            else if (c == '}')
            {
                throw new PromptTemplateException($"{source}:{line}: single '}}' in the prompt template (write '}}}}' for a literal brace).");
            }
            else
            {
                literal.Append(c);
            }
        }

        parts.Add((literal.ToString(), null));
        Placeholders = parts.Where(p => p.Placeholder is not null).Select(p => p.Placeholder!).Distinct().ToArray();
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Where the template came from (a path), for errors and the run manifest.</summary>
    public string Source { get; }

    /// <summary>The placeholder names the template uses.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Fails with a message naming the file when the template uses a placeholder outside <paramref name="allowed"/>.</summary>
    public PromptTemplate RequireOnly(params string[] allowed)
    {
        var unknown = Placeholders.Where(p => !allowed.Contains(p)).ToArray();
        if (unknown.Length > 0)
        {
            throw new PromptTemplateException(
                $"{Source}: unknown placeholder(s) {string.Join(", ", unknown.Select(u => "{" + u + "}"))}; this template may use {string.Join(", ", allowed.Select(a => "{" + a + "}"))}.");
        }

        return this;
    }

    /// <summary>Fills the placeholders; every placeholder must have a value.</summary>
    public string Fill(IReadOnlyDictionary<string, string> values)
    {
        var builder = new StringBuilder(Text.Length + values.Sum(v => v.Value.Length));
        foreach (var (literal, placeholder) in parts)
        {
            builder.Append(literal);
            if (placeholder is null)
            {
                continue;
            }

            if (!values.TryGetValue(placeholder, out var value))
            {
                throw new PromptTemplateException($"{Source}: no value for placeholder {{{placeholder}}}.");
            }

            builder.Append(value);
        }

        return builder.ToString();
    }

}
