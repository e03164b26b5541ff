using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>
/// Creates, submits, decides, withdraws and promotes launch requests. Every act checks
/// <see cref="LaunchRules"/>, runs in one write transaction with its audit events, and enqueues
/// its <c>launch.*</c> event in the same transaction.
/// </summary>
public sealed class LaunchService(
    IDbContextFactory<NuqtaDbContext> contexts,
    AuditedWriter writer,
    LaunchEvidenceBuilder evidenceBuilder,
    TimeProvider time,
    ILogger<LaunchService> logger)
{
    /// <summary>Creates a launch request as a draft, or submitted with its evidence frozen, and returns its id.</summary>
    /// <exception cref="InputValidationException">A field is missing or invalid, or the comparison does not fit the request.</exception>
    /// <exception cref="NotFoundException">The model, version or comparison does not exist.</exception>
    /// <exception cref="ConflictException">An open request for the same alias and candidate exists.</exception>
    public async Task<int> CreateAsync(Actor actor, CreateLaunchRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.LaunchesWrite);
        CheckCreateRequest(request);
        var alias = Names.Normalize(request.Alias!);

        // Resolved outside the write transaction, because gate policies and SLO checks read with
        // their own contexts. The transaction below checks again that the baseline has not moved.
        var frozen = request.Submit
            ? await evidenceBuilder.BuildAsync(request.Model!, alias, request.CandidateVersion!, request.ComparisonId, cancellationToken)
            : null;

        var id = await writer.RunAsync(actor, async db =>
        {
            var model = await ModelRegistry.FindModelAsync(db, request.Model!, cancellationToken);
            var candidate = await ModelRegistry.FindVersionAsync(db, model, request.CandidateVersion!, cancellationToken);
            var baselineAlias = LaunchRules.BaselineAliasFor(alias);
            var holder = await HolderAsync(db, model.Id, baselineAlias, cancellationToken);
            await CheckNoOpenDuplicateAsync(db, model, alias, candidate, cancellationToken);
            await CheckComparisonExistsAsync(db, request.ComparisonId, cancellationToken);

            var now = time.GetUtcNow().UtcDateTime;
            var launch = new LaunchRequest
            {
                ModelId = model.Id,
                Alias = alias,
                BaselineAlias = baselineAlias,
                CandidateVersionId = candidate.Id,
                BaselineVersionId = holder?.Id,
                ComparisonId = request.ComparisonId,
                State = LaunchState.Draft,
                RequestedById = actor.Id,
                RequestedByName = actor.Name,
                CreatedAtUtc = now,
            };
            db.LaunchRequests.Add(launch);
            await db.SaveChangesAsync(cancellationToken);

            var entries = new List<AuditEntry>
            {
                new("launch.created", "launch", Id(launch), After: Snapshot(launch, model.Name, candidate.Label, holder?.Label)),
            };
            if (frozen is not null)
            {
                entries.Add(await FreezeAsync(db, launch, frozen, model.Name, candidate.Label, holder?.Label, now, cancellationToken));
            }

            return new Audited<int>(launch.Id, entries);
        }, cancellationToken);

        logger.LogInformation("Launch request {LaunchId} for {Model}/{Alias} created by {Actor}", id, request.Model, alias, actor.Name);
        return id;
    }

    /// <summary>Submits a draft: freezes and hashes its evidence.</summary>
    public async Task SubmitAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.LaunchesWrite);
        var draft = await LoadAsync(id, cancellationToken);
        LaunchRules.EnsureCanSubmit(actor, draft.Launch);
        var frozen = await evidenceBuilder.BuildAsync(draft.Model, draft.Launch.Alias, draft.Candidate, draft.Launch.ComparisonId, cancellationToken);

        await writer.RunAsync(actor, async db =>
        {
            var launch = await TrackAsync(db, id, draft.Launch.Revision, cancellationToken);
            LaunchRules.EnsureCanSubmit(actor, launch);
            var holder = await HolderAsync(db, launch.ModelId, launch.BaselineAlias, cancellationToken);
            launch.BaselineVersionId = holder?.Id;
            var entry = await FreezeAsync(db, launch, frozen, draft.Model, draft.Candidate, holder?.Label, time.GetUtcNow().UtcDateTime, cancellationToken);
            return new Audited<int>(launch.Id, entry);
        }, cancellationToken);
    }

    /// <summary>Records a product owner's approval, override or rejection; see <see cref="LaunchRules.Decide"/>.</summary>
    public async Task<LaunchState> DecideAsync(Actor actor, int id, LaunchDecisionKind kind, string? comment, CancellationToken cancellationToken = default)
    {
        return await writer.RunAsync(actor, async db =>
        {
            var launch = await TrackAsync(db, id, null, cancellationToken);
            var evidence = launch.EvidenceJson is null ? null : LaunchEvidenceBuilder.Parse(launch.EvidenceJson);
            var next = LaunchRules.Decide(actor, launch, kind, comment, evidence?.Gate.InconclusiveItems ?? []);
            var names = await NamesAsync(db, launch, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;

            var before = new { state = LaunchRules.Describe(launch.State), revision = launch.Revision };
            launch.Decisions.Add(new LaunchDecision
            {
                Kind = kind,
                ActorId = actor.Id,
                ActorName = actor.Name,
                Comment = comment!.Trim(),
                DecidedAtUtc = now,
            });
            launch.State = next;
            launch.IsOverride = kind == LaunchDecisionKind.Override && next == LaunchState.Approved;
            launch.Revision++;
            if (next != LaunchState.Submitted)
            {
                launch.DecidedAtUtc = now;
            }

            var after = new
            {
                state = LaunchRules.Describe(launch.State),
                revision = launch.Revision,
                decision = kind.ToString().ToLowerInvariant(),
                isOverride = launch.IsOverride,
                gateVerdict = launch.GateVerdict.ToString().ToLowerInvariant(),
                acknowledged = launch.GateVerdict == Comparisons.GateVerdict.Inconclusive && kind == LaunchDecisionKind.Approval ? evidence?.Gate.InconclusiveItems : null,
            };
            var action = kind switch
            {
                LaunchDecisionKind.Rejection => "launch.rejected",
                LaunchDecisionKind.Override => "launch.override",
                _ => "launch.approved",
            };

            var entries = new List<AuditEntry> { new(action, "launch", Id(launch), before, after, comment) };
            if (kind == LaunchDecisionKind.Override && next == LaunchState.Approved)
            {
                entries.Add(new AuditEntry("launch.approved", "launch", Id(launch), After: new { state = "approved", isOverride = true, overrides = launch.Decisions.Where(d => d.Kind == LaunchDecisionKind.Override).Select(d => d.ActorName).ToList() }));
            }

            if (next is LaunchState.Approved or LaunchState.Rejected)
            {
                var type = next == LaunchState.Approved ? EventTypes.LaunchApproved : EventTypes.LaunchRejected;
                await EventOutbox.EnqueueAsync(db, type, Payload(launch, names, actor), now, cancellationToken: cancellationToken);
            }

            return new Audited<LaunchState>(next, entries);
        }, cancellationToken);
    }

    /// <summary>Withdraws a request before promotion; only its requester may.</summary>
    public async Task WithdrawAsync(Actor actor, int id, string? reason = null, CancellationToken cancellationToken = default)
    {
        await writer.RunAsync(actor, async db =>
        {
            var launch = await TrackAsync(db, id, null, cancellationToken);
            LaunchRules.EnsureCanWithdraw(actor, launch);
            var before = new { state = LaunchRules.Describe(launch.State), revision = launch.Revision };
            launch.State = LaunchState.Withdrawn;
            launch.DecidedAtUtc = time.GetUtcNow().UtcDateTime;
            launch.Revision++;
            var after = new { state = "withdrawn", revision = launch.Revision };
            return new Audited<int>(launch.Id, new AuditEntry("launch.withdrawn", "launch", Id(launch), before, after, reason));
        }, cancellationToken);
    }

    /// <summary>
    /// Promotes an approved launch: moves the alias to the candidate through the registry's move
    /// code, with the alias's audit event and the launch's in the same transaction. Rejected when
    /// the baseline version no longer holds its alias (the target alias, or production for a canary).
    /// </summary>
    /// <exception cref="ConflictException">The launch is not approved, or the baseline alias moved.</exception>
    public async Task PromoteAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        await writer.RunAsync(actor, async db =>
        {
            var launch = await TrackAsync(db, id, null, cancellationToken);
            LaunchRules.EnsureCanPromote(actor, launch);
            var names = await NamesAsync(db, launch, cancellationToken);
            var model = await db.Models.AsNoTracking().FirstAsync(m => m.Id == launch.ModelId, cancellationToken);

            var holder = await HolderAsync(db, launch.ModelId, launch.BaselineAlias, cancellationToken);
            if (holder?.Id != launch.BaselineVersionId)
            {
                var expected = names.Baseline ?? "no version";
                var now = holder?.Label ?? "no version";
                throw new ConflictException(
                    $"The '{launch.BaselineAlias}' alias of {model.Name} held {expected} when launch request {launch.Id} was submitted, but now holds {now}; the evidence no longer compares against the live version. Withdraw this request and submit a new one.");
            }

            var alias = await db.Aliases.Include(a => a.ModelVersion)
                .FirstOrDefaultAsync(a => a.ModelId == launch.ModelId && a.Name == launch.Alias, cancellationToken)
                ?? throw new NotFoundException($"Model {model.Name} has no alias '{launch.Alias}'.");
            if (alias.ModelVersionId == launch.CandidateVersionId)
            {
                throw new ConflictException($"The '{alias.Name}' alias of {model.Name} already points to {names.Candidate}.");
            }

            var candidate = await db.ModelVersions.AsNoTracking().FirstAsync(v => v.Id == launch.CandidateVersionId, cancellationToken);
            var at = time.GetUtcNow().UtcDateTime;
            var fromVersion = alias.ModelVersion?.Label;
            var moveEntry = ModelRegistry.ApplyMove(db, model, alias, candidate, AliasMoveKind.Promotion, actor, $"Promotion of launch request {launch.Id}", at);

            var before = new { state = "approved", revision = launch.Revision };
            launch.State = LaunchState.Promoted;
            launch.PromotedAtUtc = at;
            launch.PromotedByName = actor.Name;
            launch.Revision++;
            await db.SaveChangesAsync(cancellationToken);

            var after = new
            {
                state = "promoted",
                revision = launch.Revision,
                alias = launch.Alias,
                fromVersion,
                toVersion = candidate.Label,
                aliasRevision = alias.Revision,
                evidenceSha256 = launch.EvidenceSha256,
            };
            await EventOutbox.EnqueueAsync(db, EventTypes.LaunchPromoted, Payload(launch, names, actor), at, cancellationToken: cancellationToken);

            // The launch event is appended last, so its hash is the chain head at promotion.
            return new Audited<int>(launch.Id, [moveEntry, new AuditEntry("launch.promoted", "launch", Id(launch), before, after)]);
        }, cancellationToken);

        logger.LogInformation("Launch request {LaunchId} promoted by {Actor}", id, actor.Name);
    }

    private static void CheckCreateRequest(CreateLaunchRequest request)
    {
        var errors = new InputErrorCollector();
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            errors.Add(new InputError("model is required", "model"));
        }

        if (string.IsNullOrWhiteSpace(request.CandidateVersion))
        {
            errors.Add(new InputError("candidateVersion is required", "candidateVersion"));
        }

        if (string.IsNullOrWhiteSpace(request.Alias))
        {
            errors.Add(new InputError($"alias is required: one of {string.Join(", ", LaunchRules.LaunchAliases)}", "alias"));
        }
        else if (!LaunchRules.LaunchAliases.Contains(Names.Normalize(request.Alias)))
        {
            errors.Add(new InputError($"alias '{request.Alias.Trim()}' cannot be launched to; use one of {string.Join(", ", LaunchRules.LaunchAliases)}", "alias", Value: request.Alias.Trim()));
        }

        if (request.ComparisonId is <= 0)
        {
            errors.Add(new InputError($"comparisonId {request.ComparisonId} is not a valid id; give the id of a saved comparison", "comparisonId"));
        }

        errors.ThrowIfAny();
    }

    private async Task<AuditEntry> FreezeAsync(
        NuqtaDbContext db, LaunchRequest launch, LaunchEvidence evidence, string model, string candidate, string? holder, DateTime now, CancellationToken cancellationToken)
    {
        if (evidence.BaselineVersion != holder)
        {
            throw new ConflictException(
                $"The '{launch.BaselineAlias}' alias of {model} moved to {holder ?? "no version"} while the evidence was gathered; submit again.");
        }

        var json = CanonicalJson.SerializeObject(evidence);
        launch.EvidenceJson = json;
        launch.EvidenceSha256 = Sha256(json);
        launch.GateVerdict = evidence.Gate.Verdict;
        launch.State = LaunchState.Submitted;
        launch.SubmittedAtUtc = now;
        launch.Revision++;
        await db.SaveChangesAsync(cancellationToken);

        var names = new LaunchNames(model, candidate, holder);
        await EventOutbox.EnqueueAsync(db, EventTypes.LaunchSubmitted, Payload(launch, names, null), now, cancellationToken: cancellationToken);
        var after = new
        {
            state = "submitted",
            revision = launch.Revision,
            gateVerdict = evidence.Gate.Verdict.ToString().ToLowerInvariant(),
            sloStatus = evidence.Slo.Status.ToString(),
            comparisonId = launch.ComparisonId,
            evidenceSha256 = launch.EvidenceSha256,
        };
        return new AuditEntry("launch.submitted", "launch", Id(launch), After: after);
    }

    /// <summary>Returns the lowercase hex SHA-256 of the text's UTF-8 bytes.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task<(LaunchRequest Launch, string Model, string Candidate)> LoadAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var launch = await db.LaunchRequests.AsNoTracking().Include(l => l.Model).Include(l => l.CandidateVersion)
            .FirstOrDefaultAsync(l => l.Id == id, cancellationToken)
            ?? throw new NotFoundException($"No launch request has id {id}.");
        return (launch, launch.Model!.Name, launch.CandidateVersion!.Label);
    }

    private static async Task<LaunchRequest> TrackAsync(NuqtaDbContext db, int id, int? expectedRevision, CancellationToken cancellationToken)
    {
        var launch = await db.LaunchRequests.Include(l => l.Decisions).FirstOrDefaultAsync(l => l.Id == id, cancellationToken)
            ?? throw new NotFoundException($"No launch request has id {id}.");
        if (expectedRevision is { } revision && launch.Revision != revision)
        {
            throw new ConflictException($"Launch request {id} changed since it was read; reload and try again.");
        }

        return launch;
    }

    internal static async Task<ModelVersion?> HolderAsync(NuqtaDbContext db, int modelId, string aliasName, CancellationToken cancellationToken) =>
        await db.Aliases.AsNoTracking()
            .Where(a => a.ModelId == modelId && a.Name == aliasName && a.ModelVersionId != null)
            .Select(a => a.ModelVersion)
            .FirstOrDefaultAsync(cancellationToken);

    private static async Task CheckNoOpenDuplicateAsync(NuqtaDbContext db, Model model, string alias, ModelVersion candidate, CancellationToken cancellationToken)
    {
        var open = await db.LaunchRequests.AsNoTracking()
            .Where(l => l.ModelId == model.Id && l.Alias == alias && l.CandidateVersionId == candidate.Id)
            .Where(l => l.State == LaunchState.Draft || l.State == LaunchState.Submitted || l.State == LaunchState.Approved)
            .Select(l => (int?)l.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is { } existing)
        {
            throw new ConflictException($"Launch request {existing} already asks to put {candidate.Label} under '{alias}' of {model.Name}; withdraw it before requesting again.");
        }
    }

    private static async Task CheckComparisonExistsAsync(NuqtaDbContext db, int? comparisonId, CancellationToken cancellationToken)
    {
        if (comparisonId is { } id && !await db.SavedComparisons.AnyAsync(c => c.Id == id, cancellationToken))
        {
            throw new NotFoundException($"No saved comparison has id {id}.");
        }
    }

    private static async Task<LaunchNames> NamesAsync(NuqtaDbContext db, LaunchRequest launch, CancellationToken cancellationToken)
    {
        var model = await db.Models.AsNoTracking().Where(m => m.Id == launch.ModelId).Select(m => m.Name).FirstAsync(cancellationToken);
        var candidate = await db.ModelVersions.AsNoTracking().Where(v => v.Id == launch.CandidateVersionId).Select(v => v.Label).FirstAsync(cancellationToken);
        var baseline = launch.BaselineVersionId is { } baselineId
            ? await db.ModelVersions.AsNoTracking().Where(v => v.Id == baselineId).Select(v => v.Label).FirstAsync(cancellationToken)
            : null;
        return new LaunchNames(model, candidate, baseline);
    }

    private static object Payload(LaunchRequest launch, LaunchNames names, Actor? actor) => new
    {
        launchId = launch.Id,
        model = names.Model,
        alias = launch.Alias,
        candidateVersion = names.Candidate,
        baselineVersion = names.Baseline,
        state = LaunchRules.Describe(launch.State),
        gateVerdict = launch.GateVerdict.ToString().ToLowerInvariant(),
        isOverride = launch.IsOverride,
        evidenceSha256 = launch.EvidenceSha256,
        requestedBy = launch.RequestedByName,
        actor = actor?.Name ?? launch.RequestedByName,
    };

    private static object Snapshot(LaunchRequest launch, string model, string candidate, string? baseline) => new
    {
        model,
        alias = launch.Alias,
        baselineAlias = launch.BaselineAlias,
        candidateVersion = candidate,
        baselineVersion = baseline,
        comparisonId = launch.ComparisonId,
        state = LaunchRules.Describe(launch.State),
    };

    private static string Id(LaunchRequest launch) => launch.Id.ToString(CultureInfo.InvariantCulture);

    private sealed record LaunchNames(string Model, string Candidate, string? Baseline);
}
