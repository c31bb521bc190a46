-- Every stored store's code (an upload of stores or agents matches the file's store codes to them: 101 is 0101).
select store_code from stores order by store_code
