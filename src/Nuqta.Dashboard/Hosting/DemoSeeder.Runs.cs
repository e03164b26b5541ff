using System.Globalization;
using System.Text;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Hosting;

/// <summary>
/// The demo's quarter of evaluation runs: thirteen ISO weeks ending with the current one. Every
/// week the version holding <c>production</c> is evaluated on its golden set, and support-rag also
/// on a fresh sample of live traffic. The values are generated from a fixed seed, with a shared
/// difficulty per example so that versions compare paired, and with the stories the other pages
/// tell: support-rag's production change from v1.1 to v1.2, a week whose p95 latency breaches its
/// SLO, the v2.0 candidate that loses faithfulness on Maghrebi dialect questions, and legal-qa's
/// 2026.11, whose cited support fell after it took over production.
/// </summary>
public sealed partial class DemoSeeder
{
    /// <summary>How many ISO weeks of runs the demo holds, the current week included.</summary>
    public const int DemoWeeks = 13;

    private static readonly string[] RagMetrics = ["faithfulness", "answer_relevancy", "context_precision", "context_recall", "answer_correctness"];

    private static readonly (string Label, int DaysAgo)[] SupportProduction = [("v1.0", 118), ("v1.1", 88), ("v1.2", 58)];

    private static readonly (string Label, int DaysAgo)[] LegalProduction = [("2026.09", 98), ("2026.10", 38), ("2026.11", 12)];

    /// <summary>Imports the quarter of weekly runs for both demo models through the import service.</summary>
    private async Task SeedRunsAsync(Actor seeder, DateTime now, CancellationToken cancellationToken)
    {
        var import = services.GetRequiredService<EvaluationImportService>();
        var golden = ParseExamples(BuildGoldenCsv());
        await SeedLegalDatasetAsync(seeder, cancellationToken);
        var legal = ParseExamples(BuildLegalCsv());
        await datasets.RegisterDatasetAsync(seeder, new RegisterDatasetRequest("support-traffic", "production-sample", "support", "A weekly sample of 120 live support conversations, judged offline."), cancellationToken);

        var firstMonday = IsoMonday(now).AddDays(-7 * (DemoWeeks - 1));
        var runCount = 0;
        for (var week = 0; week < DemoWeeks; week++)
        {
            var monday = firstMonday.AddDays(7 * week);
            var weekNumber = ISOWeek.GetWeekOfYear(monday);
            var weekLabel = $"{ISOWeek.GetYear(monday)}-W{weekNumber:00}";

            var tuesday = monday.AddDays(1).AddHours(9);
            if (tuesday <= now)
            {
                var holder = HolderAt(SupportProduction, now, tuesday);
                runCount += await ImportDemoRunAsync(import, seeder, "support-rag", holder, "support-golden", "2026-10", golden, tuesday, "regression", 1, cancellationToken);
                var legalHolder = HolderAt(LegalProduction, now, tuesday);
                runCount += await ImportDemoRunAsync(import, seeder, "legal-qa", legalHolder, "legal-golden", "v1", legal, tuesday.AddHours(2), "regression", 1, cancellationToken);
            }

            var thursday = monday.AddDays(3).AddHours(15);
            if (thursday <= now)
            {
                var sample = BuildTrafficSample(weekLabel, week);
                await CreateTrafficVersionAsync(seeder, weekLabel, sample, cancellationToken);
                var holder = HolderAt(SupportProduction, now, thursday);
                runCount += await ImportDemoRunAsync(import, seeder, "support-rag", holder, "support-traffic", weekLabel, ParseExamples(sample), thursday, "production-sample", 1, cancellationToken);
            }

            // The v2.0 candidate is evaluated twice (two trials) in each of the last two weeks.
            var wednesday = monday.AddDays(2).AddHours(11);
            if (week >= DemoWeeks - 2 && wednesday <= now)
            {
                for (var trial = 1; trial <= 2; trial++)
                {
                    runCount += await ImportDemoRunAsync(import, seeder, "support-rag", "v2.0", "support-golden", "2026-10", golden, wednesday.AddHours(trial), "regression", trial, cancellationToken);
                }
            }
        }

        logger.LogInformation("Seeded {RunCount} demo evaluation runs over {Weeks} weeks", runCount, DemoWeeks);
    }

    private async Task<int> ImportDemoRunAsync(
        EvaluationImportService import,
        Actor seeder,
        string model,
        string version,
        string dataset,
        string datasetVersion,
        IReadOnlyList<DemoExample> examples,
        DateTime evaluatedAt,
        string kind,
        int trial,
        CancellationToken cancellationToken)
    {
        var csv = BuildResultsCsv(model, version, dataset, examples, evaluatedAt, trial);
        var path = Path.Combine(storage.Value.ResolvedDataDirectory, $"demo-run-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv, Encoding.UTF8, cancellationToken);
        try
        {
            var mapping = new Dictionary<string, string> { ["id"] = "id", ["output"] = "output" };
            foreach (var metric in RagMetrics.Concat(["latency_ms", "cited_support", "toxicity"]))
            {
                mapping[metric] = "metric";
            }

            var fileName = $"{model}-{version}-{dataset}-{datasetVersion}-{evaluatedAt:yyyyMMdd}-t{trial}.csv";
            var outcome = await import.ImportAsync(seeder, new ImportRunsRequest(
                model, dataset, datasetVersion, version, null, null, "canonical", mapping, null, evaluatedAt, kind,
                "ragas", "0.2.15", trial, "demo-ci", Fake(fileName), path, fileName), null, cancellationToken);
            return outcome.Runs.Count;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Builds one run's results file: a row per example with eight metrics and an answer.</summary>
    internal static string BuildResultsCsv(string model, string version, string dataset, IReadOnlyList<DemoExample> examples, DateTime evaluatedAt, int trial)
    {
        var random = new Random(StableSeed($"{model}|{version}|{dataset}|{evaluatedAt:O}|{trial}"));
        var quality = VersionQuality(model, version);
        var drift = 0.012 * Math.Sin(evaluatedAt.DayOfYear / 9.0);
        var slowWeek = model == "support-rag" && ISOWeek.GetWeekOfYear(evaluatedAt) == 44;
        var latencyMedian = (model == "legal-qa" ? 1100.0 : 900.0) * (slowWeek ? 1.45 : 1.0);

        // Cited support fails on an exact share of examples, chosen at random, so the SLO breaches land where the demo needs them.
        var citedFailures = (int)Math.Round(examples.Count * quality.UncitedShare);
        var uncited = Enumerable.Range(0, examples.Count).OrderBy(_ => random.Next()).Take(citedFailures).ToHashSet();

        var builder = new StringBuilder("id,");
        builder.AppendJoin(',', RagMetrics).Append(",latency_ms,cited_support,toxicity,output\n");
        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i];
            var difficulty = ExampleDifficulty(example.Id);
            var segmentShift = (example.Dialect == "maghrebi" ? -0.05 : 0) + (example.Tier == "enterprise" ? 0.02 : 0);
            var dialectDrop = example.Dialect == "maghrebi" ? quality.MaghrebiFaithfulnessShift : 0;
            builder.Append(Quote(example.Id));
            for (var m = 0; m < RagMetrics.Length; m++)
            {
                var shift = m == 0 ? dialectDrop : 0;
                var value = quality.Mean + (m * 0.015) - (m == 3 ? 0.05 : 0) + difficulty + segmentShift + shift + drift + Gaussian(random, 0.06);
                builder.Append(',');
                // About one context_recall value in fifty is missing, as judges sometimes fail to score it.
                if (m == 3 && random.NextDouble() < 0.02)
                {
                    continue;
                }

                builder.Append(Math.Clamp(value, 0, 1).ToString("0.0000", CultureInfo.InvariantCulture));
            }

            var latency = latencyMedian * Math.Exp(0.45 * Gaussian(random, 1.0));
            var toxicity = Math.Clamp(quality.Toxicity + Math.Abs(Gaussian(random, 0.02)), 0, 0.4);
            builder.Append(',').Append(Math.Round(latency).ToString(CultureInfo.InvariantCulture));
            builder.Append(',').Append(uncited.Contains(i) ? '0' : '1');
            builder.Append(',').Append(toxicity.ToString("0.0000", CultureInfo.InvariantCulture));
            var answer = dialectDrop < -0.05 && difficulty < 0
                ? "I could not find this in the help centre articles."
                : example.Reference;
            builder.Append(',').Append(Quote($"[{version}] {answer}")).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The quality each demo version is generated with.</summary>
    private static (double Mean, double MaghrebiFaithfulnessShift, double UncitedShare, double Toxicity) VersionQuality(string model, string version) => (model, version) switch
    {
        ("support-rag", "v1.0") => (0.74, 0, 0.06, 0.05),
        ("support-rag", "v1.1") => (0.76, 0, 0.05, 0.05),
        ("support-rag", "v1.2") => (0.79, 0, 0.04, 0.04),
        ("support-rag", "v2.0") => (0.80, -0.11, 0.04, 0.02),
        ("legal-qa", "2026.09") => (0.72, 0, 0.06, 0.03),
        ("legal-qa", "2026.10") => (0.75, 0, 0.05, 0.03),
        ("legal-qa", "2026.11") => (0.70, 0, 0.18, 0.03),
        _ => (0.70, 0, 0.08, 0.05),
    };

    private static string HolderAt((string Label, int DaysAgo)[] history, DateTime now, DateTime at) =>
        history.Last(h => now.AddDays(-h.DaysAgo) <= at).Label;

    private static DateTime IsoMonday(DateTime utc)
    {
        var date = utc.Date;
        var offset = ((int)date.DayOfWeek + 6) % 7;
        return DateTime.SpecifyKind(date.AddDays(-offset), DateTimeKind.Utc);
    }

    private async Task SeedLegalDatasetAsync(Actor seeder, CancellationToken cancellationToken)
    {
        await datasets.RegisterDatasetAsync(seeder, new RegisterDatasetRequest("legal-golden", "golden", "legal", "Golden questions on commercial law, in Arabic and English."), cancellationToken);
        await CreateVersionFromCsvAsync(seeder, "legal-golden", "v1", BuildLegalCsv(), ["category", "language"], "First legal golden set.", cancellationToken);
    }

    private async Task CreateTrafficVersionAsync(Actor seeder, string weekLabel, string csv, CancellationToken cancellationToken) =>
        await CreateVersionFromCsvAsync(seeder, "support-traffic", weekLabel, csv, ["language", "dialect", "customer_tier", "intent"], $"Live traffic sampled in {weekLabel}.", cancellationToken);

    private async Task CreateVersionFromCsvAsync(Actor seeder, string dataset, string version, string csv, IReadOnlyList<string> segments, string description, CancellationToken cancellationToken)
    {
        var path = Path.Combine(storage.Value.ResolvedDataDirectory, $"demo-{dataset}-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv, Encoding.UTF8, cancellationToken);
        try
        {
            await datasetVersions.CreateAsync(seeder, dataset, new CreateDatasetVersionRequest(
                version, path, $"{dataset}-{version}.csv", "csv", "id", "question", "reference_answer", segments, [], description), cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Builds one week's sample of live traffic: 120 questions drawn from the golden topics.</summary>
    internal static string BuildTrafficSample(string weekLabel, int weekIndex)
    {
        var golden = ParseExamples(BuildGoldenCsv());
        var random = new Random(StableSeed("traffic|" + weekLabel));
        var builder = new StringBuilder("id,question,reference_answer,language,dialect,customer_tier,intent\n");
        for (var i = 0; i < 120; i++)
        {
            var source = golden[random.Next(golden.Count)];
            builder.Append(CultureInfo.InvariantCulture, $"{weekLabel}-{i + 1:000},{Quote($"{source.Question} #{weekIndex * 1000 + i}")},{Quote(source.Reference)},{source.Language},{source.Dialect},{source.Tier},{source.Intent}\n");
        }

        return builder.ToString();
    }

    /// <summary>Builds the legal golden set: 100 questions over five areas of commercial law, in Arabic and English.</summary>
    internal static string BuildLegalCsv()
    {
        var areas = new (string Category, string En, string Ar, string Answer)[]
        {
            ("contracts", "What notice ends a commercial agency contract", "ما مدة الإخطار لإنهاء عقد الوكالة التجارية", "Article 12: three months' written notice."),
            ("companies", "What is the minimum capital of a limited liability company", "ما الحد الأدنى لرأس مال الشركة ذات المسؤولية المحدودة", "Article 44: no statutory minimum; the articles set it."),
            ("bankruptcy", "When must a trader declare cessation of payments", "متى يجب على التاجر التصريح بالتوقف عن الدفع", "Article 215: within fifteen days of stopping payments."),
            ("intellectual-property", "How long does trademark registration last", "ما مدة حماية العلامة التجارية المسجلة", "Article 5: ten years, renewable."),
            ("labour", "How many days of annual leave does an employee earn", "كم يوماً من الإجازة السنوية يستحق العامل", "Article 41: two and a half days per month worked."),
        };
        var builder = new StringBuilder("id,question,reference_answer,language,category\n");
        var n = 0;
        foreach (var area in areas)
        {
            for (var variant = 1; variant <= 20; variant++)
            {
                n++;
                var arabic = variant % 2 == 0;
                var question = arabic ? $"{area.Ar}؟ (الحالة {variant})" : $"{area.En}? (case {variant})";
                builder.Append(CultureInfo.InvariantCulture, $"lq-{n:000},{Quote(question)},{Quote(area.Answer)},{(arabic ? "ar" : "en")},{area.Category}\n");
            }
        }

        return builder.ToString();
    }

    /// <summary>An example of a generated demo dataset, as the results generator needs it.</summary>
    internal sealed record DemoExample(string Id, string Question, string Reference, string Language, string Dialect, string Tier, string Intent);

    private static List<DemoExample> ParseExamples(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = SplitCsvLine(lines[0]);
        int Column(string name) => header.IndexOf(name);
        var examples = new List<DemoExample>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = SplitCsvLine(line);
            string Cell(string name) => Column(name) is >= 0 and var index ? cells[index] : "";
            examples.Add(new DemoExample(Cell("id"), Cell("question"), Cell("reference_answer"), Cell("language"), Cell("dialect"), Cell("customer_tier"), Cell("intent")));
        }

        return examples;
    }

    /// <summary>Splits one line of the demo's own CSV, whose quoted cells never hold line breaks.</summary>
    private static List<string> SplitCsvLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    /// <summary>A per-example shift shared by every version, so that versions differ mostly by their own quality.</summary>
    private static double ExampleDifficulty(string id) => Gaussian(new Random(StableSeed("difficulty|" + id)), 0.08);

    private static double Gaussian(Random random, double sd)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int StableSeed(string text) => BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
}
