namespace EdcKg.Onnx;
