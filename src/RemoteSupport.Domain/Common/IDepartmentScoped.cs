namespace RemoteSupport.Domain.Common;

/// <summary>A record that belongs to one department. Reads are filtered and writes guarded by this column.</summary>
public interface IDepartmentScoped
{
    int DepartmentId { get; }
}
