-- Every stored agent's code (an upload of agents matches the file's agent codes to them: 123 is 00123).
select agent_code from agents order by agent_code
