namespace EmbeddedMongo.Errors;

/// <summary>The server error codes EmbeddedMongo reports, with MongoDB's numbers.</summary>
internal enum ErrorCode
{
    InternalError = 1,
    BadValue = 2,
    NoSuchKey = 4,
    FailedToParse = 9,
    TypeMismatch = 14,
    IllegalOperation = 20,
    NamespaceNotFound = 26,
    IndexNotFound = 27,
    PathNotViable = 28,
    ConflictingUpdateOperators = 40,
    CursorNotFound = 43,
    NamespaceExists = 48,
    CommandNotFound = 59,
    ImmutableField = 66,
    CannotCreateIndex = 67,
    IndexAlreadyExists = 68,
    InvalidOptions = 72,
    InvalidNamespace = 73,
    IndexOptionsConflict = 85,
    IndexKeySpecsConflict = 86,
    NotWritablePrimary = 10107,
    DuplicateKey = 11000,
    InterruptedAtShutdown = 11600,
    Location15998 = 15998,
    Location16020 = 16020,
    Location17419 = 17419, // a document grown over 16 MiB by an update
    Location40352 = 40352,
    Location40414 = 40414, // a required field is missing
    Location51024 = 51024, // a number field must not be negative
    InvalidPipelineOperator = 168,
    DollarPrefixedFieldName = 52,
    EmptyFieldName = 56,
    DottedFieldName = 57,
    OperationFailed = 96,
    Unauthorized = 13,
    HostUnreachable = 6,
    HostNotFound = 7,
    NetworkTimeout = 89,
    ShutdownInProgress = 91,
    PrimarySteppedDown = 189,
    ExceededTimeLimit = 262,
    NotPrimaryNoSecondaryOk = 13435,
    NotPrimaryOrSecondary = 13436,
    InterruptedDueToReplStateChange = 11602,
    SocketException = 9001,
    WriteConcernFailed = 64,
    MaxTimeMSExpired = 50,
    CannotBackfillArray = 10,
    InvalidIdField = 53,
    NotSingleValueField = 54,
    NotExactValueField = 111,
    CannotIndexParallelArrays = 171,
    AmbiguousIndexKeyPattern = 181,
}

internal static class ErrorCodeNames
{
    /// <summary>MongoDB's <c>codeName</c> for a code (Location codes keep their numeric name).</summary>
    public static string Name(this ErrorCode code) => code switch
    {
        ErrorCode.NotWritablePrimary => "NotWritablePrimary",
        _ => Enum.IsDefined(code) ? code.ToString() : $"Location{(int)code}",
    };
}
