namespace RemoteSupport.Web.Data.Journal;

/// <summary>
/// Raw SQL the Round2 migration runs: seals the journal entries written before the chain existed, in each department's
/// order of time then id, with exactly the canonical text of <c>JournalChain.Compute</c> (a test checks the two agree).
/// </summary>
public static class JournalChainSql
{
    public const string SealExistingEntries = """
        DO $$
        DECLARE
            r record;
            dept integer := NULL;
            seq bigint := 0;
            prev text := NULL;
            digest text;
            h text;
        BEGIN
            FOR r IN SELECT * FROM "ActivityLog" WHERE "ChainSeq" IS NULL ORDER BY "DepartmentId", "At", "Id" LOOP
                IF dept IS DISTINCT FROM r."DepartmentId" THEN
                    dept := r."DepartmentId";
                    SELECT a."ChainSeq", a."Hash" INTO seq, prev FROM "ActivityLog" a
                        WHERE a."DepartmentId" = dept AND a."ChainSeq" IS NOT NULL ORDER BY a."ChainSeq" DESC LIMIT 1;
                    IF NOT FOUND THEN seq := 0; prev := NULL; END IF;
                END IF;
                seq := seq + 1;
                digest := encode(sha256(convert_to(r."Description", 'UTF8')), 'hex');
                h := encode(sha256(convert_to(concat_ws(E'\n',
                        seq::text,
                        r."DepartmentId"::text,
                        coalesce(r."PersonId"::text, ''),
                        r."ActorId"::text,
                        (extract(epoch FROM r."At") * 1000000)::bigint::text,
                        r."Kind",
                        coalesce(r."InterviewId"::text, ''),
                        coalesce(r."Modality", ''),
                        digest,
                        coalesce(prev, '')), 'UTF8')), 'hex');
                UPDATE "ActivityLog" SET "ChainSeq" = seq, "PreviousHash" = prev, "Hash" = h, "DescriptionDigest" = digest
                    WHERE "Id" = r."Id";
                prev := h;
            END LOOP;
        END $$;
        """;
}
