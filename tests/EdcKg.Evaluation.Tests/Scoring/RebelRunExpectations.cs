namespace EdcKg.Evaluation.Tests.Scoring;

/// <summary>
/// The output of EDC's evaluation script (run unchanged, with nervaluate 0.1.8 and NLTK's tokenizer code) on the two
/// real EDC runs of the shared benchmark data: the figures the port must reproduce digit for digit.
/// </summary>
internal static class RebelRunExpectations
{
    public const string Iteration0 = """
        -----------------------------------------------------------------
        Total scores
        -----------------------------------------------------------------
        Ent_type
        Correct: 374 Incorrect: 14 Partial: 0 Missed: 158
        Spurious: 269 Possible: 546 Actual: 657
        Precision: 0.5392532467532467 Recall: 0.559469696969697
        F1: 0.5465692640692641
        -----------------------------------------------------------------
        Partial
        Correct: 337 Incorrect: 0 Partial: 51 Missed: 158
        Spurious: 269 Possible: 546 Actual: 657
        Precision: 0.5283035714285714 Recall: 0.5433712121212121
        F1: 0.53375
        -----------------------------------------------------------------
        Strict
        Correct: 328 Incorrect: 60 Partial: 0 Missed: 158
        Spurious: 269 Possible: 546 Actual: 657
        Precision: 0.4833712121212121 Recall: 0.49242424242424243
        F1: 0.48668831168831167
        -----------------------------------------------------------------
        Exact
        Correct: 337 Incorrect: 51 Partial: 0 Missed: 158
        Spurious: 269 Possible: 546 Actual: 657
        Precision: 0.49700757575757576 Recall: 0.5060606060606061
        F1: 0.5003246753246753
        -----------------------------------------------------------------
        Scores per tag
        -----------------------------------------------------------------
        Subjects
        -----------------------------------------------------------------
        Ent_type
        Correct: 128 Incorrect: 5 Partial: 0 Missed: 47
        Spurious: 81 Possible: 180 Actual: 214
        Precision: 0.5670454545454545 Recall: 0.5818181818181818
        F1: 0.5706060606060606
        -----------------------------------------------------------------
        Partial
        Correct: 111 Incorrect: 0 Partial: 22 Missed: 47
        Spurious: 81 Possible: 180 Actual: 214
        Precision: 0.5448863636363637 Recall: 0.5545454545454546
        F1: 0.5474242424242424
        -----------------------------------------------------------------
        Strict
        Correct: 107 Incorrect: 26 Partial: 0 Missed: 47
        Spurious: 81 Possible: 180 Actual: 214
        Precision: 0.4863636363636364 Recall: 0.4863636363636364
        F1: 0.4863636363636364
        -----------------------------------------------------------------
        Exact
        Correct: 111 Incorrect: 22 Partial: 0 Missed: 47
        Spurious: 81 Possible: 180 Actual: 214
        Precision: 0.5022727272727273 Recall: 0.5045454545454545
        F1: 0.503030303030303
        -----------------------------------------------------------------
        Predicates
        -----------------------------------------------------------------
        Ent_type
        Correct: 131 Incorrect: 1 Partial: 0 Missed: 54
        Spurious: 99 Possible: 186 Actual: 231
        Precision: 0.5421969696969697 Recall: 0.5681818181818182
        F1: 0.5495454545454546
        -----------------------------------------------------------------
        Partial
        Correct: 117 Incorrect: 0 Partial: 15 Missed: 54
        Spurious: 99 Possible: 186 Actual: 231
        Precision: 0.5286742424242424 Recall: 0.5454545454545454
        F1: 0.5336742424242424
        -----------------------------------------------------------------
        Strict
        Correct: 117 Incorrect: 15 Partial: 0 Missed: 54
        Spurious: 99 Possible: 186 Actual: 231
        Precision: 0.5128787878787878 Recall: 0.5181818181818182
        F1: 0.5147727272727273
        -----------------------------------------------------------------
        Exact
        Correct: 117 Incorrect: 15 Partial: 0 Missed: 54
        Spurious: 99 Possible: 186 Actual: 231
        Precision: 0.5128787878787878 Recall: 0.5181818181818182
        F1: 0.5147727272727273
        -----------------------------------------------------------------
        Objects
        -----------------------------------------------------------------
        Ent_type
        Correct: 115 Incorrect: 8 Partial: 0 Missed: 57
        Spurious: 89 Possible: 180 Actual: 212
        Precision: 0.5159090909090909 Recall: 0.5227272727272727
        F1: 0.5172727272727273
        -----------------------------------------------------------------
        Partial
        Correct: 109 Incorrect: 0 Partial: 14 Missed: 57
        Spurious: 89 Possible: 180 Actual: 212
        Precision: 0.5170454545454546 Recall: 0.5272727272727272
        F1: 0.52
        -----------------------------------------------------------------
        Strict
        Correct: 104 Incorrect: 19 Partial: 0 Missed: 57
        Spurious: 89 Possible: 180 Actual: 212
        Precision: 0.4727272727272727 Recall: 0.4727272727272727
        F1: 0.4727272727272727
        -----------------------------------------------------------------
        Exact
        Correct: 109 Incorrect: 14 Partial: 0 Missed: 57
        Spurious: 89 Possible: 180 Actual: 212
        Precision: 0.4909090909090909 Recall: 0.4954545454545455
        F1: 0.49242424242424243
        -----------------------------------------------------------------
        Full triple scores
        -----------------------------------------------------------------
        Precision: 0.25163398692810457 Recall: 0.25163398692810457
        F1: 0.25163398692810457
        """;

    public const string Iteration1 = """
        -----------------------------------------------------------------
        Total scores
        -----------------------------------------------------------------
        Ent_type
        Correct: 319 Incorrect: 16 Partial: 0 Missed: 198
        Spurious: 315 Possible: 533 Actual: 650
        Precision: 0.4531839622641509 Recall: 0.49528301886792453
        F1: 0.4683475591494459
        -----------------------------------------------------------------
        Partial
        Correct: 270 Incorrect: 0 Partial: 65 Missed: 198
        Spurious: 315 Possible: 533 Actual: 650
        Precision: 0.4417452830188679 Recall: 0.4705188679245283
        F1: 0.45095837076969153
        -----------------------------------------------------------------
        Strict
        Correct: 258 Incorrect: 77 Partial: 0 Missed: 198
        Spurious: 315 Possible: 533 Actual: 650
        Precision: 0.38077830188679246 Recall: 0.40172955974842767
        F1: 0.3884958071278826
        -----------------------------------------------------------------
        Exact
        Correct: 270 Incorrect: 65 Partial: 0 Missed: 198
        Spurious: 315 Possible: 533 Actual: 650
        Precision: 0.40279088050314465 Recall: 0.42059748427672955
        F1: 0.40814989517819705
        -----------------------------------------------------------------
        Scores per tag
        -----------------------------------------------------------------
        Subjects
        -----------------------------------------------------------------
        Ent_type
        Correct: 111 Incorrect: 5 Partial: 0 Missed: 60
        Spurious: 84 Possible: 176 Actual: 200
        Precision: 0.5082547169811321 Recall: 0.5235849056603774
        F1: 0.5119496855345912
        -----------------------------------------------------------------
        Partial
        Correct: 96 Incorrect: 0 Partial: 20 Missed: 60
        Spurious: 84 Possible: 176 Actual: 200
        Precision: 0.48997641509433965 Recall: 0.5
        F1: 0.49261006289308173
        -----------------------------------------------------------------
        Strict
        Correct: 92 Incorrect: 24 Partial: 0 Missed: 60
        Spurious: 84 Possible: 176 Actual: 200
        Precision: 0.4339622641509434 Recall: 0.4339622641509434
        F1: 0.4339622641509434
        -----------------------------------------------------------------
        Exact
        Correct: 96 Incorrect: 20 Partial: 0 Missed: 60
        Spurious: 84 Possible: 176 Actual: 200
        Precision: 0.45047169811320753 Recall: 0.4528301886792453
        F1: 0.45125786163522014
        -----------------------------------------------------------------
        Predicates
        -----------------------------------------------------------------
        Ent_type
        Correct: 110 Incorrect: 1 Partial: 0 Missed: 70
        Spurious: 138 Possible: 181 Actual: 249
        Precision: 0.4263814016172507 Recall: 0.49528301886792453
        F1: 0.44394654088050317
        -----------------------------------------------------------------
        Partial
        Correct: 83 Incorrect: 0 Partial: 28 Missed: 70
        Spurious: 138 Possible: 181 Actual: 249
        Precision: 0.4014768643306379 Recall: 0.43985849056603776
        F1: 0.4115172955974843
        -----------------------------------------------------------------
        Strict
        Correct: 83 Incorrect: 28 Partial: 0 Missed: 70
        Spurious: 138 Possible: 181 Actual: 249
        Precision: 0.3742138364779874 Recall: 0.37971698113207547
        F1: 0.3759433962264151
        -----------------------------------------------------------------
        Exact
        Correct: 83 Incorrect: 28 Partial: 0 Missed: 70
        Spurious: 138 Possible: 181 Actual: 249
        Precision: 0.3742138364779874 Recall: 0.37971698113207547
        F1: 0.3759433962264151
        -----------------------------------------------------------------
        Objects
        -----------------------------------------------------------------
        Ent_type
        Correct: 98 Incorrect: 10 Partial: 0 Missed: 68
        Spurious: 93 Possible: 176 Actual: 201
        Precision: 0.4563679245283019 Recall: 0.46226415094339623
        F1: 0.4578616352201258
        -----------------------------------------------------------------
        Partial
        Correct: 91 Incorrect: 0 Partial: 17 Missed: 68
        Spurious: 93 Possible: 176 Actual: 201
        Precision: 0.4534198113207547 Recall: 0.4693396226415094
        F1: 0.45849056603773586
        -----------------------------------------------------------------
        Strict
        Correct: 83 Incorrect: 25 Partial: 0 Missed: 68
        Spurious: 93 Possible: 176 Actual: 201
        Precision: 0.3915094339622642 Recall: 0.3915094339622642
        F1: 0.3915094339622642
        -----------------------------------------------------------------
        Exact
        Correct: 91 Incorrect: 17 Partial: 0 Missed: 68
        Spurious: 93 Possible: 176 Actual: 201
        Precision: 0.41745283018867924 Recall: 0.42924528301886794
        F1: 0.42138364779874216
        -----------------------------------------------------------------
        Full triple scores
        -----------------------------------------------------------------
        Precision: 0.13230769230769232 Recall: 0.13230769230769232
        F1: 0.13230769230769232
        """;

}
