using System.Runtime.InteropServices;

namespace TestModels.Onnx;

/// <summary>
/// A small ONNX graph under construction: named tensors, nodes and typed inputs/outputs, serialised as a
/// <c>ModelProto</c> (field numbers from onnx.proto).
/// </summary>
internal sealed class OnnxGraph
{
    public const int Float32 = 1;
    public const int UInt8 = 2;
    public const int Int32 = 6;
    public const int Int64 = 7;

    private readonly List<Action<ProtoWriter>> nodes = [];
    private readonly List<Action<ProtoWriter>> initializers = [];
    private readonly List<Action<ProtoWriter>> inputs = [];
    private readonly List<Action<ProtoWriter>> outputs = [];
    private int nodeCount;

    public void Input(string name, int elementType, params object[] dims) => inputs.Add(w => ValueInfo(w, name, elementType, dims));

    public void Output(string name, int elementType, params object[] dims) => outputs.Add(w => ValueInfo(w, name, elementType, dims));

    public string Tensor(string name, float[] values, params long[] dims) =>
        Initializer(name, Float32, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), dims);

    public string Tensor(string name, long[] values, params long[] dims) =>
        Initializer(name, Int64, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), dims);

    public string Tensor(string name, byte[] values, params long[] dims) => Initializer(name, UInt8, values, dims);

    /// <summary>Adds a node and returns the name of its (first) output.</summary>
    public string Node(string opType, string[] inputNames, string output, params (string Name, object Value)[] attributes)
    {
        Node(opType, inputNames, [output], attributes);
        return output;
    }

    public void Node(string opType, string[] inputNames, string[] outputNames, params (string Name, object Value)[] attributes)
    {
        var name = $"{opType}_{nodeCount++}";
        nodes.Add(w =>
        {
            foreach (var input in inputNames)
            {
                w.String(1, input);
            }

            foreach (var output in outputNames)
            {
                w.String(2, output);
            }

            w.String(3, name);
            w.String(4, opType);
            foreach (var (attributeName, value) in attributes)
            {
                w.Message(5, a => Attribute(a, attributeName, value));
            }
        });
    }

    public byte[] ToModel(int opset)
    {
        var model = new ProtoWriter();
        model.Int64(1, 8); // ir_version
        model.String(2, "edckg-test-models");
        model.Message(7, graph =>
        {
            foreach (var node in nodes)
            {
                graph.Message(1, node);
            }

            graph.String(2, "tiny_encoder");
            foreach (var initializer in initializers)
            {
                graph.Message(5, initializer);
            }

            foreach (var input in inputs)
            {
                graph.Message(11, input);
            }

            foreach (var output in outputs)
            {
                graph.Message(12, output);
            }
        });
        model.Message(8, o => o.String(1, string.Empty).Int64(2, opset));
        return model.ToArray();
    }

    private string Initializer(string name, int elementType, byte[] raw, long[] dims)
    {
        initializers.Add(w =>
        {
            foreach (var dim in dims)
            {
                w.Int64(1, dim);
            }

            w.Int64(2, elementType);
            w.String(8, name);
            w.Bytes(9, raw);
        });
        return name;
    }

    private static void Attribute(ProtoWriter w, string name, object value)
    {
        w.String(1, name);
        switch (value)
        {
            case float f:
                w.Float(2, f).Int64(20, 1);
                break;
            case int or long:
                w.Int64(3, Convert.ToInt64(value)).Int64(20, 2);
                break;
            case long[] ints:
                foreach (var i in ints)
                {
                    w.Int64(8, i);
                }

                w.Int64(20, 7);
                break;
            default:
                throw new ArgumentException($"Unsupported attribute value type {value.GetType()} for '{name}'.");
        }
    }

    private static void ValueInfo(ProtoWriter w, string name, int elementType, object[] dims)
    {
        w.String(1, name);
        w.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int64(1, elementType);
            tensor.Message(2, shape =>
            {
                foreach (var dim in dims)
                {
                    shape.Message(1, d =>
                    {
                        if (dim is string symbolic)
                        {
                            d.String(2, symbolic);
                        }
                        else
                        {
                            d.Int64(1, Convert.ToInt64(dim));
                        }
                    });
                }
            });
        }));
    }
}
