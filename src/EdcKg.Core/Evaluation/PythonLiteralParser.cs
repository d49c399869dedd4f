using System.Globalization;
using System.Numerics;
using System.Text;

namespace EdcKg.Core.Evaluation;

/// <summary>
/// Reads one line the way Python's <c>ast.literal_eval</c> does: strings with any quoting, prefixes and escapes,
/// implicit concatenation, numbers, <c>True/False/None</c>, lists, tuples (with or without parentheses, trailing
/// commas), sets, dicts and <c>set()</c>. Anything <c>literal_eval</c> rejects makes <see cref="TryParse"/> fail.
/// </summary>
internal sealed class PythonLiteralParser
{
    private readonly string _text;
    private int _pos;

    private PythonLiteralParser(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out PyValue? value, out string? error)
    {
        var parser = new PythonLiteralParser(text);
        try
        {
            value = parser.ParseTopLevel();
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            value = null;
            error = ex.Message;
            return false;
        }
    }

    private PyValue ParseTopLevel()
    {
        if (_text.Contains('\0'))
        {
            throw new FormatException("source cannot contain null bytes");
        }

        SkipTrivia();
        if (AtEnd)
        {
            throw new FormatException("empty expression");
        }

        // A bare comma-separated list at the top level is a tuple, as in `eval`.
        var first = ParseExpression();
        SkipTrivia();
        if (!AtEnd && Peek == ',')
        {
            var items = new List<PyValue> { first };
            while (!AtEnd && Peek == ',')
            {
                _pos++;
                SkipTrivia();
                if (AtEnd)
                {
                    break;
                }

                items.Add(ParseExpression());
                SkipTrivia();
            }

            first = new PyValue.Sequence(SequenceKind.Tuple, items);
        }

        if (!AtEnd)
        {
            throw new FormatException($"unexpected '{Peek}' at column {_pos + 1}");
        }

        return first;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek => _text[_pos];

    private void SkipTrivia()
    {
        while (!AtEnd)
        {
            var c = Peek;
            if (c is ' ' or '\t' or '\f' or '\n' or '\r')
            {
                _pos++;
            }
            else if (c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] is '\n' or '\r')
            {
                _pos += 2;
            }
            else if (c == '#')
            {
                while (!AtEnd && Peek is not ('\n' or '\r'))
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private void Expect(char c)
    {
        SkipTrivia();
        if (AtEnd || Peek != c)
        {
            throw new FormatException($"expected '{c}' at column {_pos + 1}");
        }

        _pos++;
    }

    private PyValue ParseExpression()
    {
        SkipTrivia();
        if (AtEnd)
        {
            throw new FormatException("unexpected end of line");
        }

        var c = Peek;
        if (c is '+' or '-')
        {
            // literal_eval accepts one sign on a number, and `number +/- imaginary` for complex literals.
            _pos++;
            SkipTrivia();
            var operand = ParseAtom();
            var signed = c == '-' ? Negate(operand) : RequireNumber(operand);
            return ParseComplexTail(signed);
        }

        var atom = ParseAtom();
        return atom is PyValue.Int or PyValue.Float or PyValue.Complex ? ParseComplexTail(atom) : atom;
    }

    private PyValue ParseComplexTail(PyValue left)
    {
        SkipTrivia();
        if (AtEnd || Peek is not ('+' or '-'))
        {
            return left;
        }

        var op = Peek;
        _pos++;
        SkipTrivia();
        var right = ParseAtom();
        if (right is not PyValue.Complex imaginary || left is PyValue.Complex)
        {
            throw new FormatException("malformed node or string: only complex literals may be added");
        }

        var real = left switch
        {
            PyValue.Int i => (double)i.Value,
            PyValue.Float f => f.Value,
            _ => throw new FormatException("malformed node or string"),
        };
        return new PyValue.Complex(real, op == '-' ? -imaginary.Imaginary : imaginary.Imaginary);
    }

    private static PyValue RequireNumber(PyValue value) =>
        value is PyValue.Int or PyValue.Float or PyValue.Complex
            ? value
            : throw new FormatException("malformed node or string: a sign applies to numbers only");

    private static PyValue Negate(PyValue value) => value switch
    {
        PyValue.Int i => new PyValue.Int(-i.Value),
        PyValue.Float f => new PyValue.Float(-f.Value),
        PyValue.Complex c => new PyValue.Complex(-c.Real, -c.Imaginary),
        _ => throw new FormatException("malformed node or string: a sign applies to numbers only"),
    };

    private PyValue ParseAtom()
    {
        SkipTrivia();
        if (AtEnd)
        {
            throw new FormatException("unexpected end of line");
        }

        var c = Peek;
        switch (c)
        {
            case '[':
                _pos++;
                return new PyValue.Sequence(SequenceKind.List, ParseItems(']'));
            case '(':
                return ParseParenthesised();
            case '{':
                return ParseBraces();
            case '\'' or '"':
                return ParseStrings();
            case '.' when _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1]):
                return ParseNumber();
            case '.' when string.CompareOrdinal(_text, _pos, "...", 0, 3) == 0:
                _pos += 3;
                return new PyValue.Singleton("Ellipsis");
        }

        if (char.IsAsciiDigit(c))
        {
            return ParseNumber();
        }

        if (char.IsLetter(c) || c == '_')
        {
            var start = _pos;
            while (!AtEnd && (char.IsLetterOrDigit(Peek) || Peek == '_'))
            {
                _pos++;
            }

            var word = _text[start.._pos];
            if (!AtEnd && Peek is '\'' or '"' && IsStringPrefix(word))
            {
                _pos = start;
                return ParseStrings();
            }

            switch (word)
            {
                case "True":
                    return new PyValue.Bool(true);
                case "False":
                    return new PyValue.Bool(false);
                case "None":
                    return new PyValue.Singleton("None");
                case "set":
                    Expect('(');
                    Expect(')');
                    return new PyValue.Sequence(SequenceKind.Set, []);
                default:
                    throw new FormatException($"malformed node or string: name '{word}'");
            }
        }

        throw new FormatException($"unexpected '{c}' at column {_pos + 1}");
    }

    private static bool IsStringPrefix(string word) =>
        word.ToLowerInvariant() is "r" or "u" or "b" or "br" or "rb" or "f" or "fr" or "rf";

    private List<PyValue> ParseItems(char close)
    {
        var items = new List<PyValue>();
        while (true)
        {
            SkipTrivia();
            if (AtEnd)
            {
                throw new FormatException($"'{close}' was never closed");
            }

            if (Peek == close)
            {
                _pos++;
                return items;
            }

            items.Add(ParseExpression());
            SkipTrivia();
            if (AtEnd)
            {
                throw new FormatException($"'{close}' was never closed");
            }

            if (Peek == ',')
            {
                _pos++;
            }
            else if (Peek != close)
            {
                throw new FormatException($"expected ',' or '{close}' at column {_pos + 1}");
            }
        }
    }

    private PyValue ParseParenthesised()
    {
        _pos++;
        SkipTrivia();
        if (!AtEnd && Peek == ')')
        {
            _pos++;
            return new PyValue.Sequence(SequenceKind.Tuple, []);
        }

        var first = ParseExpression();
        SkipTrivia();
        if (!AtEnd && Peek == ')')
        {
            _pos++;
            return first;
        }

        Expect(',');
        var rest = ParseItems(')');
        rest.Insert(0, first);
        return new PyValue.Sequence(SequenceKind.Tuple, rest);
    }

    private PyValue ParseBraces()
    {
        _pos++;
        SkipTrivia();
        if (!AtEnd && Peek == '}')
        {
            _pos++;
            return new PyValue.Dict([]);
        }

        var first = ParseExpression();
        SkipTrivia();
        if (!AtEnd && Peek == ':')
        {
            _pos++;
            var keys = new List<PyValue>();
            AddKey(keys, first);
            ParseExpression();
            while (true)
            {
                SkipTrivia();
                if (AtEnd)
                {
                    throw new FormatException("'{' was never closed");
                }

                if (Peek == '}')
                {
                    _pos++;
                    return new PyValue.Dict(keys);
                }

                Expect(',');
                SkipTrivia();
                if (!AtEnd && Peek == '}')
                {
                    _pos++;
                    return new PyValue.Dict(keys);
                }

                AddKey(keys, ParseExpression());
                Expect(':');
                ParseExpression();
            }
        }

        var items = new List<PyValue>();
        AddKey(items, first);
        if (!AtEnd && Peek == ',')
        {
            _pos++;
            foreach (var item in ParseItems('}'))
            {
                AddKey(items, item);
            }
        }
        else
        {
            Expect('}');
        }

        return new PyValue.Sequence(SequenceKind.Set, items);
    }

    private static void AddKey(List<PyValue> keys, PyValue key)
    {
        if (!IsHashable(key))
        {
            throw new FormatException("unhashable type in a set or dict key");
        }

        if (!keys.Any(k => HashEquals(k, key)))
        {
            keys.Add(key);
        }
    }

    private static bool IsHashable(PyValue value) => value switch
    {
        PyValue.Sequence { Kind: SequenceKind.Tuple } t => t.Items.All(IsHashable),
        PyValue.Sequence or PyValue.Dict => false,
        _ => true,
    };

    private static bool HashEquals(PyValue a, PyValue b) => (a, b) switch
    {
        (PyValue.Str x, PyValue.Str y) => x.Value == y.Value,
        (PyValue.Bytes x, PyValue.Bytes y) => x.Value.AsSpan().SequenceEqual(y.Value),
        (PyValue.Sequence x, PyValue.Sequence y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => HashEquals(p.First, p.Second)),
        (PyValue.Singleton x, PyValue.Singleton y) => x.Name == y.Name,
        _ when NumericValue(a) is { } na && NumericValue(b) is { } nb => na == nb,
        _ => false,
    };

    private static System.Numerics.Complex? NumericValue(PyValue value) => value switch
    {
        PyValue.Int i => new System.Numerics.Complex((double)i.Value, 0),
        PyValue.Float f => new System.Numerics.Complex(f.Value, 0),
        PyValue.Bool b => new System.Numerics.Complex(b.Value ? 1 : 0, 0),
        PyValue.Complex c => new System.Numerics.Complex(c.Real, c.Imaginary),
        _ => null,
    };

    private PyValue ParseStrings()
    {
        var text = new StringBuilder();
        var bytes = new List<byte>();
        bool? isBytes = null;
        do
        {
            var (part, partIsBytes) = ParseOneString();
            if (isBytes is { } known && known != partIsBytes)
            {
                throw new FormatException("cannot mix bytes and nonbytes literals");
            }

            isBytes = partIsBytes;
            if (partIsBytes)
            {
                bytes.AddRange(part.Select(ch => (byte)ch));
            }
            else
            {
                text.Append(part);
            }

            SkipTrivia();
        }
        while (!AtEnd && (Peek is '\'' or '"' || StartsWithPrefixedString()));

        return isBytes == true ? new PyValue.Bytes([.. bytes]) : new PyValue.Str(text.ToString());
    }

    private bool StartsWithPrefixedString()
    {
        var i = _pos;
        while (i < _text.Length && i - _pos < 2 && char.IsAsciiLetter(_text[i]))
        {
            i++;
        }

        return i > _pos && i < _text.Length && _text[i] is '\'' or '"' && IsStringPrefix(_text[_pos..i]);
    }

    private (string Text, bool IsBytes) ParseOneString()
    {
        var prefixStart = _pos;
        while (!AtEnd && char.IsAsciiLetter(Peek))
        {
            _pos++;
        }

        var prefix = _text[prefixStart.._pos].ToLowerInvariant();
        if (prefix.Contains('f'))
        {
            throw new FormatException("f-strings are not literals");
        }

        var raw = prefix.Contains('r');
        var isBytes = prefix.Contains('b');
        var quote = Peek;
        var triple = _pos + 2 < _text.Length && _text[_pos + 1] == quote && _text[_pos + 2] == quote;
        _pos += triple ? 3 : 1;
        var body = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw new FormatException("unterminated string literal");
            }

            var c = Peek;
            if (c == quote && (!triple || (_pos + 2 < _text.Length && _text[_pos + 1] == quote && _text[_pos + 2] == quote)))
            {
                _pos += triple ? 3 : 1;
                break;
            }

            if (!triple && c is '\n' or '\r')
            {
                throw new FormatException("unterminated string literal");
            }

            if (isBytes && c > 0x7F)
            {
                throw new FormatException("bytes can only contain ASCII literal characters");
            }

            if (c == '\\')
            {
                if (_pos + 1 >= _text.Length)
                {
                    throw new FormatException("unterminated string literal");
                }

                if (raw)
                {
                    body.Append(c).Append(_text[_pos + 1]);
                    _pos += 2;
                    continue;
                }

                _pos++;
                ReadEscape(body, isBytes);
                continue;
            }

            body.Append(c);
            _pos++;
        }

        return (body.ToString(), isBytes);
    }

    private void ReadEscape(StringBuilder body, bool isBytes)
    {
        var e = Peek;
        _pos++;
        switch (e)
        {
            case '\n':
                return;
            case '\r':
                if (!AtEnd && Peek == '\n')
                {
                    _pos++;
                }

                return;
            case '\\' or '\'' or '"':
                body.Append(e);
                return;
            case 'a': body.Append('\a'); return;
            case 'b': body.Append('\b'); return;
            case 'f': body.Append('\f'); return;
            case 'n': body.Append('\n'); return;
            case 'r': body.Append('\r'); return;
            case 't': body.Append('\t'); return;
            case 'v': body.Append('\v'); return;
            case >= '0' and <= '7':
                {
                    var value = e - '0';
                    for (var k = 0; k < 2 && !AtEnd && Peek is >= '0' and <= '7'; k++)
                    {
                        value = (value * 8) + (Peek - '0');
                        _pos++;
                    }

                    AppendCodePoint(body, isBytes ? value & 0xFF : value);
                    return;
                }

            case 'x':
                AppendCodePoint(body, ReadHex(2, "\\xXX"));
                return;
            case 'u' when !isBytes:
                AppendCodePoint(body, ReadHex(4, "\\uXXXX"));
                return;
            case 'U' when !isBytes:
                {
                    var value = ReadHex(8, "\\UXXXXXXXX");
                    if (value > 0x10FFFF)
                    {
                        throw new FormatException("illegal Unicode character");
                    }

                    AppendCodePoint(body, value);
                    return;
                }

            case 'N' when !isBytes:
                // Named escapes need the Unicode name database, which .NET does not ship.
                throw new FormatException("\\N{...} escapes are not supported");
            default:
                body.Append('\\').Append(e);
                return;
        }
    }

    private int ReadHex(int digits, string form)
    {
        if (_pos + digits > _text.Length)
        {
            throw new FormatException($"truncated {form} escape");
        }

        var hex = _text.Substring(_pos, digits);
        if (!hex.All(char.IsAsciiHexDigit))
        {
            throw new FormatException($"truncated {form} escape");
        }

        _pos += digits;
        return int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static void AppendCodePoint(StringBuilder body, int value)
    {
        if (value is >= 0xD800 and <= 0xDFFF || value > 0xFFFF)
        {
            if (value > 0xFFFF)
            {
                body.Append(char.ConvertFromUtf32(value));
            }
            else
            {
                body.Append((char)value);
            }

            return;
        }

        body.Append((char)value);
    }

    private PyValue ParseNumber()
    {
        var start = _pos;
        if (Peek == '0' && _pos + 1 < _text.Length && char.ToLowerInvariant(_text[_pos + 1]) is 'x' or 'o' or 'b')
        {
            var radix = char.ToLowerInvariant(_text[_pos + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            _pos += 2;
            var digitsStart = _pos;
            while (!AtEnd && (char.IsAsciiHexDigit(Peek) || Peek == '_'))
            {
                _pos++;
            }

            var digits = CleanDigits(_text[digitsStart.._pos], allowLeadingUnderscore: true);
            BigInteger value = 0;
            foreach (var d in digits)
            {
                var v = Convert.ToInt32(d.ToString(), 16);
                if (v >= radix)
                {
                    throw new FormatException($"invalid digit '{d}' in number");
                }

                value = (value * radix) + v;
            }

            RejectIdentifierTail();
            return new PyValue.Int(value);
        }

        var isFloat = false;
        ReadDigits();
        if (!AtEnd && Peek == '.')
        {
            isFloat = true;
            _pos++;
            if (!AtEnd && char.IsAsciiDigit(Peek))
            {
                ReadDigits();
            }
        }

        if (!AtEnd && Peek is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (!AtEnd && Peek is '+' or '-')
            {
                _pos++;
            }

            if (!AtEnd && char.IsAsciiDigit(Peek))
            {
                isFloat = true;
                ReadDigits();
            }
            else
            {
                _pos = save;
            }
        }

        var literal = CleanDigits(_text[start.._pos], allowLeadingUnderscore: false);
        if (!AtEnd && Peek is 'j' or 'J')
        {
            _pos++;
            RejectIdentifierTail();
            return new PyValue.Complex(0, double.Parse(literal, CultureInfo.InvariantCulture));
        }

        RejectIdentifierTail();
        if (isFloat)
        {
            return new PyValue.Float(double.Parse(literal, CultureInfo.InvariantCulture));
        }

        if (literal.Length > 1 && literal[0] == '0' && literal.Any(ch => ch != '0'))
        {
            throw new FormatException("leading zeros in decimal integer literals are not permitted");
        }

        return new PyValue.Int(BigInteger.Parse(literal, CultureInfo.InvariantCulture));
    }

    private void ReadDigits()
    {
        while (!AtEnd && (char.IsAsciiDigit(Peek) || Peek == '_'))
        {
            _pos++;
        }
    }

    private void RejectIdentifierTail()
    {
        if (!AtEnd && (char.IsLetterOrDigit(Peek) || Peek == '_'))
        {
            throw new FormatException($"invalid number literal at column {_pos + 1}");
        }
    }

    private static string CleanDigits(string text, bool allowLeadingUnderscore)
    {
        // Underscores may only separate digits: never doubled, never at the end, at the start only after a base prefix.
        if (text.Length == 0 || text.EndsWith('_') || text.Contains("__", StringComparison.Ordinal) || (!allowLeadingUnderscore && text.StartsWith('_')))
        {
            throw new FormatException("invalid number literal");
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i > 0 && !char.IsAsciiHexDigit(text[i - 1]))
            {
                throw new FormatException("invalid number literal");
            }

            if (text[i] == '_' && i + 1 < text.Length && !char.IsAsciiHexDigit(text[i + 1]))
            {
                throw new FormatException("invalid number literal");
            }
        }

        return text.Replace("_", string.Empty, StringComparison.Ordinal);
    }
}
