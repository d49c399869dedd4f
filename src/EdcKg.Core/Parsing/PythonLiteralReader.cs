using System.Globalization;
using System.Text;

namespace EdcKg.Core.Parsing;

/// <summary>
/// Reads the Python literal subset that <c>ast.literal_eval</c> accepts for lists, tuples, strings and scalars:
/// single, double and triple quotes, string prefixes (r, u, b), escapes, adjacent string concatenation,
/// trailing commas and parentheses. Anything else is rejected, as literal_eval would reject it.
/// </summary>
public static class PythonLiteralReader
{
    /// <summary>Parses <paramref name="text"/> as one literal; false when it is not one.</summary>
    public static bool TryParse(string text, out PythonValue? value)
    {
        var reader = new Cursor(text);
        try
        {
            reader.SkipSpace();
            value = reader.ReadValue(0);
            reader.SkipSpace();
            if (!reader.AtEnd)
            {
                value = null;
                return false;
            }

            return true;
        }
        catch (FormatException)
        {
            value = null;
            return false;
        }
    }

    private sealed class Cursor(string text)
    {
        private const int MaxDepth = 200;
        private int position;

        public bool AtEnd => position >= text.Length;

        public void SkipSpace()
        {
            while (position < text.Length)
            {
                var c = text[position];
                if (c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
                {
                    position++;
                }
                else if (c == '\\' && position + 1 < text.Length && text[position + 1] == '\n')
                {
                    position += 2;
                }
                else
                {
                    break;
                }
            }
        }

        public PythonValue ReadValue(int depth)
        {
            if (depth > MaxDepth || AtEnd)
            {
                throw new FormatException();
            }

            var c = text[position];
            switch (c)
            {
                case '[':
                    return ReadSequence(']', isTuple: false, depth);
                case '(':
                    return ReadSequence(')', isTuple: true, depth);
                case '{':
                    SkipBalanced('{', '}');
                    return new PythonOther("dict");
                case '-' or '+':
                    position++;
                    SkipSpace();
                    var number = ReadValue(depth + 1);
                    return number is PythonScalar s && s.Text.Length > 0 && (char.IsDigit(s.Text[0]) || s.Text[0] == '.')
                        ? new PythonScalar(c + s.Text)
                        : throw new FormatException();
            }

            if (IsStringStart())
            {
                var builder = new StringBuilder();
                do
                {
                    builder.Append(ReadString());
                    SkipSpace();
                }
                while (!AtEnd && IsStringStart());
                return new PythonString(builder.ToString());
            }

            return ReadScalar();
        }

        private PythonValue ReadSequence(char close, bool isTuple, int depth)
        {
            position++;
            var items = new List<PythonValue>();
            var sawComma = false;
            while (true)
            {
                SkipSpace();
                if (AtEnd)
                {
                    throw new FormatException();
                }

                if (text[position] == close)
                {
                    position++;
                    break;
                }

                items.Add(ReadValue(depth + 1));
                SkipSpace();
                if (AtEnd)
                {
                    throw new FormatException();
                }

                if (text[position] == ',')
                {
                    sawComma = true;
                    position++;
                    continue;
                }

                if (text[position] != close)
                {
                    throw new FormatException();
                }
            }

            // "(x)" is just x in Python; "(x,)" and "()" are tuples.
            if (isTuple && items.Count == 1 && !sawComma)
            {
                return items[0];
            }

            return new PythonSequence(items, isTuple);
        }

        private void SkipBalanced(char open, char close)
        {
            var level = 0;
            while (!AtEnd)
            {
                if (IsStringStart())
                {
                    ReadString();
                    continue;
                }

                var c = text[position++];
                if (c == open)
                {
                    level++;
                }
                else if (c == close && --level == 0)
                {
                    return;
                }
            }

            throw new FormatException();
        }

        private bool IsStringStart()
        {
            var i = position;
            var prefixLength = 0;
            while (i < text.Length && prefixLength < 2 && "rRuUbB".Contains(text[i]))
            {
                i++;
                prefixLength++;
            }

            return i < text.Length && (text[i] == '\'' || text[i] == '"');
        }

        private string ReadString()
        {
            var raw = false;
            var bytes = false;
            while (text[position] is not ('\'' or '"'))
            {
                var p = char.ToLowerInvariant(text[position++]);
                raw |= p == 'r';
                bytes |= p == 'b';
            }

            if (bytes)
            {
                // literal_eval accepts bytes, but a bytes value is never a str: callers reject it.
                throw new FormatException();
            }

            var quote = text[position];
            var triple = position + 2 < text.Length && text[position + 1] == quote && text[position + 2] == quote;
            position += triple ? 3 : 1;
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw new FormatException();
                }

                var c = text[position];
                if (c == quote && (!triple || (position + 2 < text.Length && text[position + 1] == quote && text[position + 2] == quote)))
                {
                    position += triple ? 3 : 1;
                    return builder.ToString();
                }

                if (c == '\n' && !triple)
                {
                    throw new FormatException();
                }

                if (c == '\\' && position + 1 < text.Length)
                {
                    if (raw)
                    {
                        builder.Append(c).Append(text[position + 1]);
                        position += 2;
                        continue;
                    }

                    position++;
                    ReadEscape(builder);
                    continue;
                }

                builder.Append(c);
                position++;
            }
        }

        private void ReadEscape(StringBuilder builder)
        {
            var e = text[position++];
            switch (e)
            {
                case '\n': break;
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case 'x': builder.Append((char)ReadHex(2)); break;
                case 'u': builder.Append((char)ReadHex(4)); break;
                case 'U': builder.Append(char.ConvertFromUtf32(ReadHex(8))); break;
                case >= '0' and <= '7':
                    var value = e - '0';
                    for (var n = 0; n < 2 && !AtEnd && text[position] is >= '0' and <= '7'; n++)
                    {
                        value = (value * 8) + (text[position++] - '0');
                    }

                    builder.Append((char)value);
                    break;
                default:
                    // Python keeps an unknown escape as written, backslash included.
                    builder.Append('\\').Append(e);
                    break;
            }
        }

        private int ReadHex(int digits)
        {
            if (position + digits > text.Length ||
                !int.TryParse(text.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException();
            }

            position += digits;
            return value;
        }

        private PythonValue ReadScalar()
        {
            var start = position;
            while (!AtEnd && (char.IsLetterOrDigit(text[position]) || text[position] is '.' or '_' or '+' or '-'))
            {
                // A sign inside a scalar is only part of an exponent.
                if (text[position] is '+' or '-' && (position == start || text[position - 1] is not ('e' or 'E')))
                {
                    break;
                }

                position++;
            }

            var token = text[start..position];
            if (token is "True" or "False" or "None" || IsNumber(token))
            {
                return new PythonScalar(token);
            }

            throw new FormatException();
        }

        private static bool IsNumber(string token)
        {
            if (token.Length == 0)
            {
                return false;
            }

            var plain = token.Replace("_", string.Empty, StringComparison.Ordinal);
            if (plain.EndsWith('j') || plain.EndsWith('J'))
            {
                plain = plain[..^1];
            }

            return double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ||
                   (plain.Length > 2 && plain[0] == '0' && "xXoObB".Contains(plain[1]));
        }
    }
}
