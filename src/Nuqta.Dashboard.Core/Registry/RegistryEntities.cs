namespace Nuqta.Dashboard.Core.Registry;

/// <summary>A named LLM application component, owned by a team.</summary>
public sealed class Model
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lowercase name, unique, so that names differing only in case cannot coexist.</summary>
    public string NormalizedName { get; set; } = "";

    public string Team { get; set; } = "";

    public string Description { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public List<ModelVersion> Versions { get; set; } = [];

    public List<Alias> Aliases { get; set; } = [];
}

/// <summary>An immutable registered build of a model. Only the description and model-card text can change.</summary>
public sealed class ModelVersion
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public Model? Model { get; set; }

    /// <summary>Version label, unique per model.</summary>
    public string Label { get; set; } = "";

    public string NormalizedLabel { get; set; } = "";

    public string ArtefactUri { get; set; } = "";

    public string BaseModel { get; set; } = "";

    public string ConfigHash { get; set; } = "";

    public int? ParentVersionId { get; set; }

    public ModelVersion? ParentVersion { get; set; }

    public string Description { get; set; } = "";

    public string IntendedUse { get; set; } = "";

    public string Limitations { get; set; } = "";

    /// <summary>Language codes or names separated by commas, for example "ar, en".</summary>
    public string Languages { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>A movable named pointer from a model to one of its versions, such as <c>production</c>.</summary>
public sealed class Alias
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public Model? Model { get; set; }

    public string Name { get; set; } = "";

    public int? ModelVersionId { get; set; }

    public ModelVersion? ModelVersion { get; set; }

    /// <summary>Incremented on every move; a move names the revision it expects, so a stale page cannot move it.</summary>
    public int Revision { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>Why an alias moved.</summary>
public enum AliasMoveKind
{
    Set,
    Promotion,
    Rollback,
}

/// <summary>One move of an alias. The history shows which version held production at a given time.</summary>
public sealed class AliasMove
{
    public long Id { get; set; }

    public int AliasId { get; set; }

    public Alias? Alias { get; set; }

    public int? FromVersionId { get; set; }

    public ModelVersion? FromVersion { get; set; }

    public int? ToVersionId { get; set; }

    public ModelVersion? ToVersion { get; set; }

    public AliasMoveKind Kind { get; set; }

    public DateTime MovedAtUtc { get; set; }

    public string ActorName { get; set; } = "";

    public string Reason { get; set; } = "";
}

/// <summary>What a dataset is for.</summary>
public enum DatasetPurpose
{
    Golden,
    RedTeam,
    Regression,
    ProductionSample,
    Other,
}

/// <summary>An evaluation set; its content lives in immutable versions.</summary>
public sealed class Dataset
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string NormalizedName { get; set; } = "";

    public DatasetPurpose Purpose { get; set; }

    public string Team { get; set; } = "";

    public string Description { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public List<DatasetVersion> Versions { get; set; } = [];
}

/// <summary>Whether stored rows are visible to readers. Large writes happen in chunks under <c>Pending</c>.</summary>
public enum StoreState
{
    Pending,
    Committed,
}

/// <summary>An immutable, content-hashed version of a dataset with its examples in file order.</summary>
public sealed class DatasetVersion
{
    public int Id { get; set; }

    public int DatasetId { get; set; }

    public Dataset? Dataset { get; set; }

    public string Label { get; set; } = "";

    public string NormalizedLabel { get; set; } = "";

    public StoreState State { get; set; }

    /// <summary>Lowercase hex SHA-256 of the uploaded file's bytes.</summary>
    public string ContentSha256 { get; set; } = "";

    public string SourceFileName { get; set; } = "";

    public string SourceFormat { get; set; } = "";

    public int RowCount { get; set; }

    public string? IdField { get; set; }

    public string InputField { get; set; } = "";

    public string? ReferenceField { get; set; }

    public string Description { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public List<SegmentDimension> Dimensions { get; set; } = [];

    public List<DatasetVersionParent> Parents { get; set; } = [];
}

/// <summary>A lineage link: the child version was derived from the parent version.</summary>
public sealed class DatasetVersionParent
{
    public int ChildId { get; set; }

    public DatasetVersion? Child { get; set; }

    public int ParentId { get; set; }

    public DatasetVersion? Parent { get; set; }
}

/// <summary>One example of a dataset version, at its position in the file (the example index).</summary>
public sealed class DatasetExample
{
    public int DatasetVersionId { get; set; }

    public int ExampleIndex { get; set; }

    /// <summary>The id field's value, or a hash of the normalised input text when the file has no id.</summary>
    public string Key { get; set; } = "";

    public string Input { get; set; } = "";

    public string? Reference { get; set; }
}

/// <summary>
/// The digests of a dataset version's example keys (<see cref="ExampleKeyDigest"/>) in example
/// order, 16 bytes each. They are derived from <see cref="DatasetExample.Key"/>, so that an import
/// builds its join map from one blob instead of a million key strings.
/// </summary>
public sealed class DatasetKeyDigests
{
    public int DatasetVersionId { get; set; }

    public byte[] Digests { get; set; } = [];
}

/// <summary>
/// One segment attribute of a dataset version (language, dialect, intent...). The value of every
/// example is stored as a packed array of 32-bit little-endian codes in example order, each an
/// index into <see cref="ValuesJson"/>, so a segment filter reads one blob instead of a row per example.
/// </summary>
public sealed class SegmentDimension
{
    public int Id { get; set; }

    public int DatasetVersionId { get; set; }

    public string Name { get; set; } = "";

    public int Ordinal { get; set; }

    /// <summary>JSON array of the distinct values; an empty string stands for a missing value.</summary>
    public string ValuesJson { get; set; } = "[]";

    /// <summary>JSON array of example counts, parallel to <see cref="ValuesJson"/>.</summary>
    public string CountsJson { get; set; } = "[]";

    public byte[] Codes { get; set; } = [];
}
