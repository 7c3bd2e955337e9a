<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>tickets</name>
    <message>
        <source>ADDED:</source>
        <translation>AJOUTÉ :</translation>
    </message>
    <message>
        <source>ALCOHOL: ID CHECK</source>
        <translation>ALCOOL : CONTRÔLE D'IDENTITÉ</translation>
    </message>
    <message>
        <source>ALLERGENS: {allergens}</source>
        <translation>ALLERGÈNES : {allergens}</translation>
    </message>
    <message>
        <source>ALLERGY: {note}</source>
        <translation>ALLERGIE : {note}</translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation>DÈS QUE POSSIBLE</translation>
    </message>
    <message>
        <source>BACKUP FOR {printer}</source>
        <translation>SECOURS POUR {printer}</translation>
    </message>
    <message>
        <source>Big</source>
        <translation>Grand</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Gras</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>ANNULÉE</translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation>MODIFICATION</translation>
    </message>
    <message>
        <source>CHANGED:</source>
        <translation>MODIFIÉ :</translation>
    </message>
    <message>
        <source>CODE PAGE TEST</source>
        <translation>TEST DE PAGE DE CODE</translation>
    </message>
    <message>
        <source>CURBSIDE</source>
        <translation>RETRAIT EN VOITURE</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Centered</source>
        <translation>Centré</translation>
    </message>
    <message>
        <source>Code page: {codepage}</source>
        <translation>Page de code : {codepage}</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>Code {code}</translation>
    </message>
    <message>
        <source>Copy {copy}/{copies}</source>
        <translation>Copie {copy}/{copies}</translation>
    </message>
    <message>
        <source>Course {course}</source>
        <translation>Service {course}</translation>
    </message>
    <message>
        <source>DELIVERY</source>
        <translation>LIVRAISON</translation>
    </message>
    <message>
        <source>DINE IN</source>
        <translation>SUR PLACE</translation>
    </message>
    <message>
        <source>DRIVE THRU</source>
        <translation>DRIVE</translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation>Frais de livraison</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Do not make:</source>
        <translation>Ne pas préparer :</translation>
    </message>
    <message>
        <source>Does this look like the screen?</source>
        <translation>Est-ce comme à l'écran ?</translation>
    </message>
    <message>
        <source>Double height</source>
        <translation>Double hauteur</translation>
    </message>
    <message>
        <source>Double width</source>
        <translation>Double largeur</translation>
    </message>
    <message>
        <source>Due {time}</source>
        <translation>Pour {time}</translation>
    </message>
    <message>
        <source>If you have no #{number} {what}, reprint it from the order's card.</source>
        <translation>S'il vous manque #{number} ({what}), réimprimez-le depuis la carte de la commande.</translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation>Inversé</translation>
    </message>
    <message>
        <source>Invite friends with code {code}</source>
        <translation>Invitez vos amis avec le code {code}</translation>
    </message>
    <message>
        <source>LATE</source>
        <translation>EN RETARD</translation>
    </message>
    <message>
        <source>LATE: #{number} above was held in the printer {since}–{until} ({problem}).</source>
        <translation>EN RETARD : #{number} ci-dessus est resté dans l'imprimante de {since} à {until} ({problem}).</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Fidélité</translation>
    </message>
    <message>
        <source>NO {label}</source>
        <translation>SANS {label}</translation>
    </message>
    <message>
        <source>NOT PAID</source>
        <translation>NON PAYÉ</translation>
    </message>
    <message>
        <source>NOTE: {note}</source>
        <translation>NOTE : {note}</translation>
    </message>
    <message>
        <source>No: try the next code page.</source>
        <translation>Non : essayez la page de code suivante.</translation>
    </message>
    <message>
        <source>Order {id} (rev {revision})</source>
        <translation>Commande {id} (version {revision})</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>PAYÉ</translation>
    </message>
    <message>
        <source>PICKUP</source>
        <translation>À EMPORTER</translation>
    </message>
    <message>
        <source>Paper {width} mm, {columns} columns, font {font}</source>
        <translation>Papier {width} mm, {columns} colonnes, police {font}</translation>
    </message>
    <message>
        <source>Points before</source>
        <translation>Points avant</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Points gagnés</translation>
    </message>
    <message>
        <source>Points now</source>
        <translation>Points maintenant</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>Points utilisés</translation>
    </message>
    <message>
        <source>Printed {time}</source>
        <translation>Imprimé {time}</translation>
    </message>
    <message>
        <source>REMOVED:</source>
        <translation>RETIRÉ :</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>RÉIMPRESSION</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motif : {reason}</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <source>Seat {seat}</source>
        <translation>Place {seat}</translation>
    </message>
    <message>
        <source>Start {time}</source>
        <translation>Début {time}</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>TEST ORDER</source>
        <translation>COMMANDE DE TEST</translation>
    </message>
    <message>
        <source>TEST PAGE</source>
        <translation>PAGE DE TEST</translation>
    </message>
    <message>
        <source>TOBACCO: ID CHECK</source>
        <translation>TABAC : CONTRÔLE D'IDENTITÉ</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Table {table}</source>
        <translation>Table {table}</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Merci !</translation>
    </message>
    <message>
        <source>The order was changed.</source>
        <translation>La commande a été modifiée.</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Pourboire</translation>
    </message>
    <message>
        <source>VOID</source>
        <translation>ANNULATION</translation>
    </message>
    <message>
        <source>Wallet before</source>
        <translation>Cagnotte avant</translation>
    </message>
    <message>
        <source>Wallet now</source>
        <translation>Cagnotte maintenant</translation>
    </message>
    <message>
        <source>Yes: keep {codepage}.</source>
        <translation>Oui : garder {codepage}.</translation>
    </message>
    <message>
        <source>change slip</source>
        <translation>bon de modification</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>capot ouvert</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation>dont TVA</translation>
    </message>
    <message>
        <source>it answers again</source>
        <translation>elle réponde de nouveau</translation>
    </message>
    <message>
        <source>it is back online</source>
        <translation>elle soit de nouveau en ligne</translation>
    </message>
    <message>
        <source>it works again</source>
        <translation>elle fonctionne de nouveau</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>papier presque épuisé</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>plus de papier</translation>
    </message>
    <message>
        <source>the cover is closed</source>
        <translation>le capot soit fermé</translation>
    </message>
    <message>
        <source>the paper is refilled</source>
        <translation>le papier soit remis</translation>
    </message>
    <message>
        <source>void slip</source>
        <translation>bon d'annulation</translation>
    </message>
    <message>
        <source>{guests} guests</source>
        <translation>{guests} couverts</translation>
    </message>
    <message>
        <source>{name}: not checked yet</source>
        <translation>{name} : pas encore vérifiée</translation>
    </message>
    <message>
        <source>{name}: ready</source>
        <translation>{name} : prête</translation>
    </message>
    <message>
        <source>{name}: sent, not confirmed (printer gives no status)</source>
        <translation>{name} : envoyé, non confirmé (l'imprimante ne donne pas d'état)</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name} : {problem}</translation>
    </message>
    <message>
        <source>{name}: {problem} since {time}</source>
        <translation>{name} : {problem} depuis {time}</translation>
    </message>
    <message>
        <source>{n} ticket</source>
        <translation>{n} ticket</translation>
    </message>
    <message>
        <source>{n} tickets</source>
        <translation>{n} tickets</translation>
    </message>
    <message>
        <source>{printer} holds #{number} until {until}</source>
        <translation>{printer} garde #{number} jusqu'à ce que {until}</translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation>ticket {template}</translation>
    </message>
    <message>
        <source>{text} (going to {backup})</source>
        <translation>{text} (envoyés à {backup})</translation>
    </message>
    <message>
        <source>{text}, {tickets} waiting</source>
        <translation>{text}, {tickets} en attente</translation>
    </message>
    <message>
        <source>{text}; {tickets} could not be laid out (see the log)</source>
        <translation>{text} ; {tickets} n'ont pas pu être mis en page (voir le journal)</translation>
    </message>
</context>
</TS>
