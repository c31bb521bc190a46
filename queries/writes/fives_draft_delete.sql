-- Drop a user's tablet-form draft (submitted or discarded).
delete from fives_drafts where username = $username
