using System.Text.RegularExpressions;
using FluentValidation;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Persons;

/// <summary>The fields of a person's file, shared by the Create and Edit pages (same form, same rules).</summary>
public sealed class PersonInput
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public List<RemoteReason> RemoteReasons { get; set; } = [];
    public RiskLevel RiskLevel { get; set; } = RiskLevel.Low;
    public bool LivesAlone { get; set; }
    public DateOnly? FirstFaceToFaceMeetingOn { get; set; }
    public bool HasSmartphone { get; set; }
    public bool HasComputer { get; set; }
    public bool HasInternetAccess { get; set; }
    public DigitalSkills DigitalSkills { get; set; } = DigitalSkills.Basic;
    public bool IsAllophone { get; set; }
    public string? Language { get; set; }
    public bool NeedsEasyToRead { get; set; }
    public int ContactFrequencyDays { get; set; } = 30;

    public static PersonInput From(AccompaniedPerson p) => new()
    {
        FirstName = p.FirstName, LastName = p.LastName, BirthDate = p.BirthDate, Phone = p.Phone, Email = p.Email,
        Address = p.Address, PostalCode = p.PostalCode, City = p.City, RemoteReasons = [.. p.RemoteReasons], RiskLevel = p.RiskLevel,
        LivesAlone = p.LivesAlone, FirstFaceToFaceMeetingOn = p.FirstFaceToFaceMeetingOn, HasSmartphone = p.HasSmartphone,
        HasComputer = p.HasComputer, HasInternetAccess = p.HasInternetAccess, DigitalSkills = p.DigitalSkills,
        IsAllophone = p.IsAllophone, Language = p.Language, NeedsEasyToRead = p.NeedsEasyToRead,
        ContactFrequencyDays = p.ContactFrequencyDays,
    };

    /// <summary>What the worker wrote, for the domain (<see cref="AccompaniedPerson.Open"/>, <see cref="AccompaniedPerson.UpdateProfile"/>).</summary>
    public PersonProfile ToProfile() => new()
    {
        FirstName = FirstName, LastName = LastName, BirthDate = BirthDate, Phone = PhoneNumbers.Normalize(Phone), Email = Email,
        Address = Address, PostalCode = PostalCode, City = City, RemoteReasons = RemoteReasons, RiskLevel = RiskLevel,
        LivesAlone = LivesAlone, FirstFaceToFaceMeetingOn = FirstFaceToFaceMeetingOn, HasSmartphone = HasSmartphone,
        HasComputer = HasComputer, HasInternetAccess = HasInternetAccess, DigitalSkills = DigitalSkills, IsAllophone = IsAllophone,
        // Kept even when "allophone" is not ticked: a language the worker typed is never silently dropped.
        Language = Language, NeedsEasyToRead = NeedsEasyToRead, ContactFrequencyDays = ContactFrequencyDays,
    };

    public sealed class Validator : AbstractValidator<PersonInput>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(p => p.FirstName).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le prénom.")
                .MaximumLength(FieldLengths.PersonName).WithMessage($"Le prénom ne peut pas dépasser {FieldLengths.PersonName} caractères.")
                .Must(TextRules.IsPlainName).WithMessage("Le prénom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.");
            RuleFor(p => p.LastName).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Saisissez le nom.")
                .MaximumLength(FieldLengths.PersonName).WithMessage($"Le nom ne peut pas dépasser {FieldLengths.PersonName} caractères.")
                .Must(TextRules.IsPlainName).WithMessage("Le nom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.");
            RuleFor(p => p.BirthDate)
                .Must(d => d is null || d.Value.Year >= 1900).WithMessage("La date de naissance doit être postérieure à 1900.")
                .Must(d => d is null || d.Value <= FrenchTime.Today(clock)).WithMessage("La date de naissance ne peut pas être dans le futur.");
            RuleFor(p => p.Phone)
                .Must(PhoneNumbers.IsValid).WithMessage("Saisissez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78, ou au format +33.");
            RuleFor(p => p.Email).Cascade(CascadeMode.Stop)
                .MaximumLength(FieldLengths.Email).WithMessage($"L'adresse électronique ne peut pas dépasser {FieldLengths.Email} caractères.")
                .Must(e => string.IsNullOrWhiteSpace(e) || TextRules.IsEmail(e.Trim())).WithMessage("Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.");
            RuleFor(p => p.Address).MaximumLength(FieldLengths.Address).WithMessage($"L'adresse ne peut pas dépasser {FieldLengths.Address} caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("L'adresse contient des caractères non autorisés.");
            RuleFor(p => p.PostalCode).Must(c => string.IsNullOrWhiteSpace(c) || Regex.IsMatch(c.Trim(), "^[0-9]{5}$"))
                .WithMessage("Le code postal compte 5 chiffres.");
            RuleFor(p => p.City).MaximumLength(FieldLengths.City).WithMessage($"La commune ne peut pas dépasser {FieldLengths.City} caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("La commune contient des caractères non autorisés.");
            RuleFor(p => p.RemoteReasons).NotEmpty().WithMessage("Indiquez au moins une raison du suivi à distance.");
            // One rule on the whole list, so the message sits next to the checkboxes rather than under an invisible "[3]".
            RuleFor(p => p.RemoteReasons).Must(reasons => reasons.All(Enum.IsDefined)).WithMessage("Cette raison n'existe pas.");
            RuleFor(p => p.RiskLevel).IsInEnum().WithMessage("Choisissez un niveau de risque.");
            RuleFor(p => p.DigitalSkills).IsInEnum().WithMessage("Choisissez un niveau d'autonomie numérique.");
            RuleFor(p => p.FirstFaceToFaceMeetingOn)
                .Must(d => d is null || d.Value.Year >= 2000).WithMessage("La date de première rencontre semble erronée.")
                .Must(d => d is null || d.Value <= FrenchTime.Today(clock)).WithMessage("La première rencontre ne peut pas être dans le futur.")
                .Must((p, d) => d is null || p.BirthDate is null || d.Value >= p.BirthDate.Value).WithMessage("La première rencontre ne peut pas précéder la date de naissance.");
            RuleFor(p => p.Language).Cascade(CascadeMode.Stop)
                .NotEmpty().When(p => p.IsAllophone).WithMessage("Indiquez la langue parlée par la personne.")
                .MaximumLength(FieldLengths.Language).WithMessage($"La langue ne peut pas dépasser {FieldLengths.Language} caractères.")
                .Must(TextRules.HasNoMarkupOrControl).WithMessage("La langue contient des caractères non autorisés.");
            RuleFor(p => p.ContactFrequencyDays).InclusiveBetween(1, 365)
                .WithMessage("La fréquence de contact convenue est comprise entre 1 et 365 jours.");
        }
    }
}
