using System.Text;

namespace TestModels;

/// <summary>Writes a GGUF v3 file: metadata key/values, tensor descriptors, then aligned tensor data.</summary>
public sealed class GgufWriter
{
    private const int Alignment = 32;
    private const uint TypeUInt32 = 4, TypeInt32 = 5, TypeFloat32 = 6, TypeBool = 7, TypeString = 8, TypeArray = 9;

    private readonly List<Action<BinaryWriter>> metadata = [];
    private readonly List<(string Name, long[] Shape, bool Half, float[] Data)> tensors = [];

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

        tensors.Add((name, shape, half, data));
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
        foreach (var (name, shape, half, data) in tensors)
        {
            Text(w, name);
            w.Write((uint)shape.Length);
            foreach (var dimension in shape)
            {
                w.Write((ulong)dimension);
            }

            w.Write(half ? 1u : 0u);
            w.Write((ulong)offset);
            offset = Align(offset + (data.Length * (half ? 2L : 4L)));
        }

        Pad(w);
        foreach (var (_, _, half, data) in tensors)
        {
            foreach (var value in data)
            {
                if (half)
                {
                    w.Write((Half)value);
                }
                else
                {
                    w.Write(value);
                }
            }

            Pad(w);
        }
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
