using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Storage;

namespace Nuqta.Dashboard.Hosting;

/// <summary>
/// Fills the demo database: a user per role, two models with version and production histories
/// (one an Arabic/English support assistant), and a golden dataset with Arabic and English
/// examples segmented by language, dialect, customer tier and intent. Runs only on an empty
/// demo database, through the same Core services as the UI, so every seeded act is audited.
/// </summary>
public sealed partial class DemoSeeder(
    IDbContextFactory<NuqtaDbContext> contexts,
    UserAdministration users,
    ApiKeyService keys,
    AuditedWriter writer,
    DatasetRegistry datasets,
    DatasetVersionCreator datasetVersions,
    IOptions<DemoOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    IServiceProvider services,
    ILogger<DemoSeeder> logger)
{
    /// <summary>The demo users: user name, display name and roles.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string[] Roles)> Users =
    [
        ("admin@demo.nuqta", "Amina Admin", [Roles.Admin]),
        ("engineer@demo.nuqta", "Elias Engineer", [Roles.Engineer]),
        ("owner@demo.nuqta", "Olfa Owner", [Roles.ProductOwner]),
        ("owner2@demo.nuqta", "Omar Owner", [Roles.ProductOwner]),
        ("sre@demo.nuqta", "Samir SRE", [Roles.Sre]),
        ("viewer@demo.nuqta", "Vera Viewer", [Roles.Viewer]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Users.AnyAsync(cancellationToken))
            {
                await EnsureDemoKeyAsync(cancellationToken);
                return;
            }
        }

        var seeder = new Actor(ActorKind.System, "demo-seed", "demo seed", new HashSet<string> { Roles.Admin, Roles.Engineer, Roles.Sre });
        foreach (var (email, name, roles) in Users)
        {
            await users.CreateUncheckedAsync(seeder, new CreateUserRequest(email, name, roles, options.Value.Password), "user.created", cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await SeedModelAsync(seeder, "support-rag", "support", "Arabic/English customer-support assistant answering from the help-centre articles.",
            [("v1.0", 120), ("v1.1", 90), ("v1.2", 60), ("v2.0", 10)], SupportProduction, now, cancellationToken);
        await SeedModelAsync(seeder, "legal-qa", "legal", "Answers questions about commercial law with cited articles.",
            [("2026.09", 100), ("2026.10", 40), ("2026.11", 16)], LegalProduction, now, cancellationToken);

        await SeedDatasetAsync(seeder, cancellationToken);

        // Each feature seeds its own demo data in its own part of this class, in this order.
        await SeedRunsAsync(seeder, now, cancellationToken);
        await SeedSlosAsync(seeder, cancellationToken);

        await EnsureDemoKeyAsync(cancellationToken);
        logger.LogInformation("Seeded the demo database: {UserCount} users, 2 models, 3 datasets", Users.Count);
    }

    private async Task SeedModelAsync(
        Actor seeder,
        string name,
        string team,
        string description,
        (string Label, int DaysAgo)[] versions,
        (string Label, int DaysAgo)[] productionHistory,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var registry = new ModelRegistry(contexts, writer, new FixedTimeProvider(now.AddDays(-130)));
        await registry.RegisterModelAsync(seeder, new RegisterModelRequest(name, team, description), cancellationToken);
        string? parent = null;
        foreach (var (label, daysAgo) in versions)
        {
            var atTime = new ModelRegistry(contexts, writer, new FixedTimeProvider(now.AddDays(-daysAgo)));
            var card = name == "legal-qa"
                ? new ModelCard(
                    "Answer questions on commercial law in Arabic and English, citing the articles the answer rests on.",
                    "Not legal advice; covers commercial, company, insolvency, trademark and labour law only.",
                    "ar, en")
                : new ModelCard(
                    "Answer customer questions in Arabic (Modern Standard, Gulf, Egyptian, Maghrebi) and English from retrieved articles.",
                    "Not for legal or medical advice; weaker on Maghrebi dialect; answers only from indexed articles.",
                    "ar, en");
            await atTime.RegisterVersionAsync(seeder, name, new RegisterModelVersionRequest(
                label, $"s3://models/{name}/{label}/", "qwen2.5-14b-instruct", $"sha256:{Fake(name + label)}", parent, card, $"Release {label} of {name}."), cancellationToken);
            parent = label;
        }

        var revision = 0;
        foreach (var (label, daysAgo) in productionHistory)
        {
            var atTime = new ModelRegistry(contexts, writer, new FixedTimeProvider(now.AddDays(-daysAgo)));
            await atTime.SetAliasAsync(seeder, name, "production", new SetAliasRequest(label, revision, $"Launch of {label} after the weekly review"), cancellationToken);
            revision++;
        }
    }

    private async Task SeedDatasetAsync(Actor seeder, CancellationToken cancellationToken)
    {
        await datasets.RegisterDatasetAsync(seeder, new RegisterDatasetRequest("support-golden", "golden", "support", "Golden questions for the support assistant, in Arabic and English."), cancellationToken);
        var path = Path.Combine(storage.Value.ResolvedDataDirectory, "demo-support-golden.csv");
        await File.WriteAllTextAsync(path, BuildGoldenCsv(), Encoding.UTF8, cancellationToken);
        try
        {
            await datasetVersions.CreateAsync(seeder, "support-golden", new CreateDatasetVersionRequest(
                "2026-10", path, "support-golden-2026-10.csv", "csv", "id", "question", "reference_answer",
                ["language", "dialect", "customer_tier", "intent"], [], "October golden set."), cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task EnsureDemoKeyAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.ApiKey))
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var admin = await db.Users.FirstAsync(u => u.UserName == Users[0].Email, cancellationToken);
        var seeder = new Actor(ActorKind.System, "demo-seed", "demo seed", new HashSet<string> { Roles.Admin });
        await keys.CreateWithSecretAsync(seeder, admin.Id, admin.UserName!, "demo scripts", options.Value.ApiKey, AccessMatrix.GrantableScopes([Roles.Admin]), 365, cancellationToken);
    }

    /// <summary>Builds the demo golden set: Arabic and English questions across dialects, tiers and intents.</summary>
    internal static string BuildGoldenCsv()
    {
        var topics = new (string Intent, string En, string Ar, string AnswerEn, string AnswerAr)[]
        {
            ("billing", "Why was I charged twice this month?", "لماذا تم خصم المبلغ مرتين هذا الشهر؟", "Duplicate charges are refunded within 5 days.", "تُسترد المبالغ المخصومة مرتين خلال 5 أيام."),
            ("billing", "How do I change my payment card?", "كيف أغير بطاقة الدفع؟", "Open Settings, then Billing, then Payment method.", "افتح الإعدادات ثم الفوترة ثم طريقة الدفع."),
            ("account", "I forgot my password, what should I do?", "نسيت كلمة المرور، ماذا أفعل؟", "Use the reset link on the sign-in page.", "استخدم رابط إعادة التعيين في صفحة الدخول."),
            ("account", "How can I delete my account?", "كيف يمكنني حذف حسابي؟", "Request deletion under Settings, Privacy.", "اطلب الحذف من الإعدادات ثم الخصوصية."),
            ("shipping", "Where is my order?", "أين طلبي؟", "Track it from Orders with the tracking number.", "تتبعه من صفحة الطلبات برقم التتبع."),
            ("shipping", "Do you ship to Algeria?", "هل تشحنون إلى الجزائر؟", "Yes, delivery takes 7 to 10 days.", "نعم، يستغرق التوصيل من 7 إلى 10 أيام."),
            ("returns", "How do I return a damaged item?", "كيف أرجع منتجاً تالفاً؟", "Start a return within 30 days from Orders.", "ابدأ الإرجاع خلال 30 يوماً من صفحة الطلبات."),
            ("returns", "When will I get my refund?", "متى أسترد أموالي؟", "Refunds reach your card within 5 to 7 days.", "تصل المبالغ المستردة إلى بطاقتك خلال 5 إلى 7 أيام."),
            ("technical", "The app crashes when I open it.", "التطبيق يتوقف عند فتحه.", "Update to the latest version and restart.", "حدّث التطبيق إلى آخر إصدار وأعد تشغيله."),
            ("technical", "I do not receive the verification code.", "لا يصلني رمز التحقق.", "Check the number and request a new code after 60 seconds.", "تحقق من الرقم واطلب رمزاً جديداً بعد 60 ثانية."),
        };
        var dialects = new[] { "msa", "gulf", "egyptian", "maghrebi" };
        var dialectPrefix = new Dictionary<string, string>
        {
            ["msa"] = "",
            ["gulf"] = "لو سمحت، ",
            ["egyptian"] = "من فضلك يا فندم، ",
            ["maghrebi"] = "عافاك، ",
        };
        var tiers = new[] { "free", "plus", "enterprise" };

        var builder = new StringBuilder("id,question,reference_answer,language,dialect,customer_tier,intent\n");
        var n = 0;
        foreach (var topic in topics)
        {
            foreach (var tier in tiers)
            {
                n++;
                builder.Append(CultureInfo.InvariantCulture, $"en-{n:000},{Quote($"{topic.En} ({tier} plan)")},{Quote(topic.AnswerEn)},en,none,{tier},{topic.Intent}\n");
                foreach (var dialect in dialects)
                {
                    n++;
                    builder.Append(CultureInfo.InvariantCulture, $"ar-{n:000},{Quote($"{dialectPrefix[dialect]}{topic.Ar} ({TierAr(tier)})")},{Quote(topic.AnswerAr)},ar,{dialect},{tier},{topic.Intent}\n");
                }
            }
        }

        return builder.ToString();
    }

    private static string TierAr(string tier) => tier switch
    {
        "free" => "الباقة المجانية",
        "plus" => "باقة بلس",
        _ => "باقة الشركات",
    };

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static string Fake(string seed) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..16];

    private sealed class FixedTimeProvider(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
