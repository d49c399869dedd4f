namespace TestModels;
