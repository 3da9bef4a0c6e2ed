namespace RemoteSupport.Domain.Activity;

/// <summary>What part of the administration an audit entry concerns. Stored by name: never rename a member.</summary>
public enum AuditArea
{
    Users,
    Departments,
    Teams,
    VideoTools,
    Checklists,
    /// <summary>A department's data-protection settings and information notice.</summary>
    DataProtection,
    /// <summary>A copy of a person's data handed over (droit d'accès).</summary>
    SubjectAccess,
    /// <summary>An administrator's reading of what a user opened.</summary>
    AccessJournal,
    /// <summary>The texts of the messages sent to persons.</summary>
    MessageTexts,
    /// <summary>The directory of resources and partners.</summary>
    Directory,
    /// <summary>The easy-to-read guides for the public.</summary>
    PublicGuides,
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
    ResetSecondFactor,
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
    // The person's rights
    Export,
    Read,
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
        AuditArea.DataProtection => "Protection des données",
        AuditArea.SubjectAccess => "Copies de données remises",
        AuditArea.AccessJournal => "Lecture du journal des consultations",
        AuditArea.MessageTexts => "Textes des messages",
        AuditArea.Directory => "Annuaire des ressources",
        AuditArea.PublicGuides => "Guides pour le public",
    };

    public static string French(this AuditAction action) => action switch
    {
        AuditAction.Create => "Création",
        AuditAction.Update => "Modification",
        AuditAction.Deactivate => "Désactivation",
        AuditAction.Reactivate => "Réactivation",
        AuditAction.Unlock => "Déverrouillage",
        AuditAction.ResetPassword => "Nouveau mot de passe provisoire",
        AuditAction.ResetSecondFactor => "Double authentification réinitialisée",
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
        AuditAction.Export => "Copie remise",
        AuditAction.Read => "Lecture",
    };
}
