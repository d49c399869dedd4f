using System.Buffers.Binary;
using System.Text;

namespace TestModels.Onnx;

/// <summary>
/// Writes the protobuf wire format by hand: the ONNX files the tests need use only varints,
/// fixed 32-bit floats and length-delimited fields, so no code generator is needed.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream buffer = new();

    public byte[] ToArray() => buffer.ToArray();

    public ProtoWriter Int64(int field, long value)
    {
        Tag(field, 0);
        Varint(unchecked((ulong)value));
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        Varint((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        return Bytes(field, inner.ToArray());
    }

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.WriteByte((byte)value);
    }
}
