using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;

namespace TestModels;

/// <summary>
/// Writes a GGUF v3 file: metadata key/values, tensor descriptors, then aligned tensor data. Tensor values are
/// produced chunk by chunk while the file is written, so a model of billions of weights needs one chunk of memory.
/// </summary>
public sealed class GgufWriter
{
    private const int Alignment = 32;
    private const int ChunkValues = 1 << 20;
    private const uint TypeUInt32 = 4, TypeInt32 = 5, TypeFloat32 = 6, TypeBool = 7, TypeString = 8, TypeArray = 9;

    private readonly List<Action<BinaryWriter>> metadata = [];
    private readonly List<(string Name, long[] Shape, bool Half, Action<long, Span<float>> Fill)> tensors = [];

    /// <summary>Adds a uint32 value.</summary>
    public void Add(string key, uint value) => metadata.Add(w => { Key(w, key, TypeUInt32); w.Write(value); });

    /// <summary>Adds a float32 value.</summary>
    public void Add(string key, float value) => metadata.Add(w => { Key(w, key, TypeFloat32); w.Write(value); });

    /// <summary>Adds a bool value.</summary>
    public void Add(string key, bool value) => metadata.Add(w => { Key(w, key, TypeBool); w.Write((byte)(value ? 1 : 0)); });

    /// <summary>Adds a string value.</summary>
    public void Add(string key, string value) => metadata.Add(w => { Key(w, key, TypeString); Text(w, value); });

    /// <summary>Adds an array of strings.</summary>
    public void Add(string key, IReadOnlyList<string> values) => metadata.Add(w =>
    {
        Key(w, key, TypeArray);
        w.Write(TypeString);
        w.Write((ulong)values.Count);
        foreach (var value in values)
        {
            Text(w, value);
        }
    });

    /// <summary>Adds an array of float32.</summary>
    public void Add(string key, IReadOnlyList<float> values) => metadata.Add(w =>
    {
        Key(w, key, TypeArray);
        w.Write(TypeFloat32);
        w.Write((ulong)values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    });

    /// <summary>Adds an array of int32.</summary>
    public void Add(string key, IReadOnlyList<int> values) => metadata.Add(w =>
    {
        Key(w, key, TypeArray);
        w.Write(TypeInt32);
        w.Write((ulong)values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    });

    /// <summary>Adds a tensor; <paramref name="shape"/> is in ggml order (innermost dimension first).</summary>
    public void AddTensor(string name, long[] shape, float[] data, bool half)
    {
        if (shape.Aggregate(1L, (a, b) => a * b) != data.Length)
        {
            throw new ArgumentException($"Tensor {name} has {data.Length} values for shape [{string.Join(", ", shape)}].", nameof(data));
        }

        tensors.Add((name, shape, half, (start, chunk) => data.AsSpan((int)start, chunk.Length).CopyTo(chunk)));
    }

    /// <summary>
    /// Adds a tensor whose values <paramref name="fill"/> writes when the file is saved: it is called with the index of
    /// the first value and a chunk to fill, in order from the first value to the last.
    /// </summary>
    public void AddTensor(string name, long[] shape, bool half, Action<long, Span<float>> fill)
    {
        if (shape.Length == 0 || shape.Any(d => d < 1))
        {
            throw new ArgumentException($"Tensor {name} has the shape [{string.Join(", ", shape)}].", nameof(shape));
        }

        tensors.Add((name, shape, half, fill));
    }

    /// <summary>Writes the file.</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(Encoding.ASCII.GetBytes("GGUF"));
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        w.Write((ulong)metadata.Count);
        foreach (var entry in metadata)
        {
            entry(w);
        }

        long offset = 0;
        foreach (var (name, shape, half, _) in tensors)
        {
            Text(w, name);
            w.Write((uint)shape.Length);
            foreach (var dimension in shape)
            {
                w.Write((ulong)dimension);
            }

            w.Write(half ? 1u : 0u);
            w.Write((ulong)offset);
            offset = Align(offset + (Count(shape) * (half ? 2L : 4L)));
        }

        Pad(w);
        var values = new float[ChunkValues];
        var bytes = new byte[ChunkValues * sizeof(float)];
        foreach (var (_, shape, half, fill) in tensors)
        {
            var count = Count(shape);
            for (long start = 0; start < count; start += ChunkValues)
            {
                var chunk = values.AsSpan(0, (int)Math.Min(ChunkValues, count - start));
                fill(start, chunk);
                w.Write(half ? HalfBytes(chunk, bytes) : MemoryMarshal.AsBytes(chunk));
            }

            Pad(w);
        }
    }

    private static long Count(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    private static ReadOnlySpan<byte> HalfBytes(ReadOnlySpan<float> chunk, byte[] buffer)
    {
        var halves = MemoryMarshal.Cast<byte, Half>(buffer.AsSpan(0, chunk.Length * 2));
        TensorPrimitives.ConvertToHalf(chunk, halves);
        return buffer.AsSpan(0, chunk.Length * 2);
    }

    private static long Align(long value) => (value + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        var position = w.BaseStream.Position;
        for (var i = position; i < Align(position); i++)
        {
            w.Write((byte)0);
        }
    }

    private static void Key(BinaryWriter w, string key, uint type)
    {
        Text(w, key);
        w.Write(type);
    }

    private static void Text(BinaryWriter w, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }
}
