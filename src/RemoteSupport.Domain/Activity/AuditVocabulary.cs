namespace RemoteSupport.Domain.Activity;

/// <summary>What part of the administration an audit entry concerns. Stored by name: never rename a member.</summary>
public enum AuditArea
{
    Users,
    Departments,
    Teams,
    VideoTools,
    Checklists,
}

/// <summary>What an administrator did. Stored by name (older entries hold these same names): never rename a member.</summary>
public enum AuditAction
{
    Create,
    Update,
    Deactivate,
    Reactivate,
    Unlock,
    ResetPassword,
    Delete,
    // Checklist templates
    CreateDraft,
    AddItem,
    UpdateItem,
    MoveItem,
    RemoveItem,
    CopyFromDepartment,
    ResetToDefault,
    Publish,
    DiscardDraft,
}

public static class AuditVocabulary
{
    public static string French(this AuditArea area) => area switch
    {
        AuditArea.Users => "Utilisateurs",
        AuditArea.Departments => "Départements",
        AuditArea.Teams => "Équipes",
        AuditArea.VideoTools => "Outils de visioconférence",
        AuditArea.Checklists => "Listes de contrôle",
    };

    public static string French(this AuditAction action) => action switch
    {
        AuditAction.Create => "Création",
        AuditAction.Update => "Modification",
        AuditAction.Deactivate => "Désactivation",
        AuditAction.Reactivate => "Réactivation",
        AuditAction.Unlock => "Déverrouillage",
        AuditAction.ResetPassword => "Nouveau mot de passe provisoire",
        AuditAction.Delete => "Suppression",
        AuditAction.CreateDraft => "Nouveau brouillon",
        AuditAction.AddItem => "Élément ajouté",
        AuditAction.UpdateItem => "Élément modifié",
        AuditAction.MoveItem => "Élément déplacé",
        AuditAction.RemoveItem => "Élément retiré",
        AuditAction.CopyFromDepartment => "Copie de la liste d'un autre département",
        AuditAction.ResetToDefault => "Retour à la liste par défaut",
        AuditAction.Publish => "Publication",
        AuditAction.DiscardDraft => "Brouillon abandonné",
    };
}
